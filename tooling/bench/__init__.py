"""The benchmark: a library-sized data set built in bulk, and the load run behind `make bench`."""
