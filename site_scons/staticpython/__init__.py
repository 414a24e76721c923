"""StaticPython build logic: data tables (flavors, targets, recipes) and the steps that use them."""
