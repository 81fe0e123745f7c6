"""The managers' view of instances: the list, one instance in detail and on its diagram, statistics
per node, and operations (retry, cancel, reassign, move a deadline). Uses complaints and below;
never channels, evaluation or modeler.
"""
