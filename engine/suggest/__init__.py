"""Suggestions from a complaint's text: the categories and OPDs Tim Admin is likely to choose,
learned from the agency's own verified complaints (with the category → OPD table and editable
keywords per category while there is too little history), the open and recent complaints that
describe the same concrete problem, and the citizens' "Saya juga mengalami ini" supporters.
Indonesian text is read as Indonesian (Sastrawi stemming and stop words, SMS spellings).
Uses complaints, workflow, reference and the shared modules; never channels, evaluation,
modeler or monitor.
"""
