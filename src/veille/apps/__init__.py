"""What users run: the command line (cli.py), batch runs and their worker processes, the terminal view."""
