"""The docsum command line: parse, call the library, print."""
