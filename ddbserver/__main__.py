from ddbserver.cli import main

raise SystemExit(main())
