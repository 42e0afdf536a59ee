"""The finance and skills review: the questionnaire, personal action plans, their nudges."""
