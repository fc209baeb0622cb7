from zzlint.cli import main

main()
