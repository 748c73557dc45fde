"""The conversation as a service: front ends pass in what the user did and show what comes back."""
