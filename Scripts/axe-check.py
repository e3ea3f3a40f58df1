#!/usr/bin/env python3
"""Runs the axe-core accessibility check (from PyPI's axe-selenium-python) on pages of a running `pacta serve`, in
headless Chromium through chromedriver, and prints the violations of "serious" or "critical" impact as JSON:
[{"page": ..., "id": ..., "impact": ..., "help": ..., "nodes": [...]}]. Exit status 0 when it could check.

Usage: python3 Scripts/axe-check.py http://127.0.0.1:8080 /path /other/path ...
"""
import json
import os
import sys

import axe_selenium_python
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

base, paths = sys.argv[1], sys.argv[2:]
options = webdriver.ChromeOptions()
for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"):
    options.add_argument(argument)
chromium = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if os.path.exists(p)), None)
if chromium:
    options.binary_location = chromium
driver_path = next((p for p in ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver") if os.path.exists(p)), None)
driver = webdriver.Chrome(service=Service(driver_path), options=options)
# axe takes seconds a page on a quiet machine and was seen past WebDriver's default 30 s beside the whole test suite.
driver.set_script_timeout(300)
script = open(os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules/axe-core/axe.min.js")).read()
found = []
try:
    for path in paths:
        driver.get(base + path)
        driver.execute_script(script)
        result = driver.execute_async_script("var done = arguments[arguments.length - 1]; axe.run().then(done);")
        for violation in result["violations"]:
            if violation.get("impact") in ("serious", "critical"):
                found.append({
                    "page": path, "id": violation["id"], "impact": violation["impact"], "help": violation["help"],
                    "nodes": [node["target"] for node in violation["nodes"]][:5],
                })
finally:
    driver.quit()
print(json.dumps(found, indent=1))
