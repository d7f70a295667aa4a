from newslint.cli import main

main()
