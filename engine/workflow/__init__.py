"""SpiffWorkflow behind one surface: deployed definitions and their versions, the runtime that
creates, restores and saves a workflow, the restricted script environment, our clock for its
timers, the forms each version carries. Uses calendar and the shared modules; knows nothing of
complaints.
"""
