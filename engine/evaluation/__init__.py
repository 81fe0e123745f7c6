"""Evaluating the service: the figures of a period (counts, shares, durations, day figures), the
satisfaction survey (SKM), targets, sample sizes, and the periodic report. Uses complaints and
below; never channels, modeler or monitor.
"""
