import streamlit as st

st.title("Progress")
st.info("Coming next: this screen is being built.", icon=":material/construction:")
