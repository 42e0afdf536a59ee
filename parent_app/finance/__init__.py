"""The finance and skills review: questionnaire, personal action plans, their nudges."""
