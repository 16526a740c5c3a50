from binding.cli import main

main()
