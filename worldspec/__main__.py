from worldspec.cli import main

main()
