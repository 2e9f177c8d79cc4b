import streamlit as st

st.title("Outcomes")
st.info("Coming next: this screen is being built.", icon=":material/construction:")
