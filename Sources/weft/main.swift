print("weft: under construction")
