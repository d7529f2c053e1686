"""Headless Chromium through WebDriver for the demo page's tests: one browser per test class,
console errors collected per test, screenshots into a git-ignored folder.

Configured by the environment (scripts/browser-test.sh sets it):
  SERVICE_URL        the service, e.g. http://127.0.0.1:8123
  ADMIN_TOKEN        its admin token
  DEMO_SCREENSHOTS   where screenshots go (default build/browser-screenshots)
"""
import os
import re
import unittest

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE_URL = os.environ.get("SERVICE_URL", "http://127.0.0.1:8080").rstrip("/")
ADMIN_TOKEN = os.environ.get("ADMIN_TOKEN", "")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCREENSHOTS = os.environ.get("DEMO_SCREENSHOTS", os.path.join(ROOT, "build", "browser-screenshots"))
# Generous bounds: the machine is shared and loaded; waits end as soon as their condition holds.
WAIT = 60
SLOW_WAIT = 600


def start_browser(width=1280, height=900, phone=False):
    """Headless Chromium; `phone` emulates a phone's viewport (a headless window is never
    narrower than about 500 px, so narrower widths need the emulation)."""
    options = webdriver.ChromeOptions()
    if phone:
        options.add_experimental_option("mobileEmulation", {
            "deviceMetrics": {"width": width, "height": height, "pixelRatio": 2, "touch": True}})
        width, height = 800, 1000
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--no-first-run", "--disable-extensions", f"--window-size={width},{height}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options)


class BrowserTest(unittest.TestCase):
    """Each test opens views, and ends by asserting that the console logged no error other than
    the HTTP errors the test provoked on purpose (Chromium logs every 4xx fetch as an error)."""

    width, height, phone = 1280, 900, False

    @classmethod
    def setUpClass(cls):
        cls.driver = start_browser(cls.width, cls.height, cls.phone)
        os.makedirs(SCREENSHOTS, exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    def setUp(self):
        self.driver.get_log("browser")  # drops what earlier tests left
        self.expected_errors = []

    def tearDown(self):
        self.screenshot(self.id().split(".")[-1])
        severe = [entry for entry in self.driver.get_log("browser") if entry["level"] == "SEVERE"]
        unexpected = [entry["message"] for entry in severe if not self.is_expected(entry["message"])]
        self.assertEqual(unexpected, [], "the browser console logged errors")

    def expect_http_error(self, path, status):
        """Allows the console line Chromium writes for a deliberately provoked error answer."""
        self.expected_errors.append((path, status))

    def is_expected(self, message):
        return any(path in message and f"status of {status}" in message for path, status in self.expected_errors)

    # Navigation and waiting

    def open(self, hash_path):
        """Loads the page afresh (a change of the hash alone would keep the page's memory)."""
        self.driver.get("about:blank")
        self.driver.get(f"{BASE_URL}/{hash_path}")

    def wait(self, condition, timeout=WAIT, message=""):
        # A view re-renders as answers arrive: an element found a moment ago may be gone; look again.
        return WebDriverWait(self.driver, timeout, poll_frequency=0.1,
                             ignored_exceptions=(StaleElementReferenceException,)).until(condition, message)

    def wait_for(self, css, timeout=WAIT):
        """The first element matching `css` once it is displayed."""
        def found(driver):
            elements = [e for e in driver.find_elements(By.CSS_SELECTOR, css) if e.is_displayed()]
            return elements[0] if elements else False
        return self.wait(found, timeout, f"no visible {css}")

    def wait_for_text(self, css, pattern, timeout=WAIT):
        """The first element matching `css` whose text matches the regular expression `pattern`."""
        def found(driver):
            for element in driver.find_elements(By.CSS_SELECTOR, css):
                if re.search(pattern, element.text):
                    return element
            return False
        return self.wait(found, timeout, f"no {css} with text /{pattern}/")

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def press(self, key):
        """A key press on whatever has the focus, as a keyboard user makes it."""
        ActionChains(self.driver).send_keys(key).perform()

    def type_into(self, element, text):
        element.clear()
        element.send_keys(text)

    def screenshot(self, name):
        self.driver.save_screenshot(os.path.join(SCREENSHOTS, f"{type(self).__name__}-{name}.png"))

    # Checks every view must pass

    def assert_controls_labelled(self):
        """Every form control has a label (or an aria-label), and every button says what it does."""
        unlabelled = self.driver.execute_script("""
            const bad = [];
            for (const c of document.querySelectorAll('input, select, textarea')) {
              if (c.type === 'radio' || c.type === 'hidden') { if (!c.labels.length) bad.push(c.outerHTML); continue; }
              if (!c.labels.length && !c.getAttribute('aria-label')) bad.push(c.outerHTML);
            }
            for (const b of document.querySelectorAll('button'))
              if (!b.textContent.trim() && !b.getAttribute('aria-label')) bad.push(b.outerHTML);
            return bad;""")
        self.assertEqual(unlabelled, [], "controls without a label")

    def assert_fits_width(self):
        overflow = self.driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        self.assertLessEqual(overflow, 0, "the page scrolls sideways")
