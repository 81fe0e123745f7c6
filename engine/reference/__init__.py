"""The reference lists: OPDs, LAPOR! categories, regions of Empat Lawang, causes and resolutions;
their seed files, the forms' choices and their administration. Uses calendar and the shared
modules.
"""
