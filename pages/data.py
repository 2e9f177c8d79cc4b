import streamlit as st

st.title("Import & export")
st.info("Coming next: this screen is being built.", icon=":material/construction:")
