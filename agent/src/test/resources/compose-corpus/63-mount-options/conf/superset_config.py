[app]
