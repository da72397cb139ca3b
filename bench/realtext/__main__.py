import sys

from bench.realtext import main

sys.exit(main())
