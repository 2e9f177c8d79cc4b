import streamlit as st

st.title("Plan")
st.info("Coming next: this screen is being built.", icon=":material/construction:")
