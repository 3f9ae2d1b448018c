"""The built-in demo region: a deterministic synthetic store of the Keski-Suomi wellbeing services
county, generated from the real municipality figures in resources/. Clearly labelled synthetic."""
