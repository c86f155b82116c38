"""How the parsing child ends when its memory runs out: at once, with an exit status the server knows.

With the address space exhausted, CPython 3.11 can spin forever entering a cleanup handler (it must allocate an int
to do so), which would turn "out of memory" into a CPU-burning timeout. So the child's handlers (in sandbox and
workbooks) catch MemoryError first and call ``os._exit(EXIT_MEMORY)`` right there, without reporting or unwinding
further, and nothing on the parsing path (text_files and raw_sheet too) uses ``with`` or ``finally``.
"""

#: Exit status of a child that ran out of memory (it reports nothing else).
EXIT_MEMORY = 3
