using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Standing.Server.Tests.Pages;

/// <summary>
/// Headless Chromium (Debian's /usr/bin/chromium and chromedriver) driven by Selenium for the staff
/// journeys: signs in through the sign-in form, and saves screenshots at phone and desktop widths
/// under the test results folder (screenshots/).
/// </summary>
internal sealed class StaffBrowser : IDisposable
{
    private readonly Uri _address;

    public StaffBrowser(Uri address)
    {
        _address = address;
        var options = new ChromeOptions { BinaryLocation = File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1440,1000");
        var service = File.Exists("/usr/bin/chromedriver") ? ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver") : ChromeDriverService.CreateDefaultService();
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        Driver = new ChromeDriver(service, options, TimeSpan.FromMinutes(2));
    }

    public ChromeDriver Driver { get; }

    public void Open(string path) => Driver.Navigate().GoToUrl(new Uri(_address, path));

    public IWebElement Find(string css) => Driver.FindElement(By.CssSelector(css));

    public IReadOnlyList<IWebElement> FindAll(string css) => Driver.FindElements(By.CssSelector(css));

    public void SignIn(string key)
    {
        Open("/sign-in");
        Find("#key").SendKeys(key);
        Find("form button[type=submit].primary").Click();
        // The answer is a redirect away from the sign-in page: wait for it, or the next page is asked without the session.
        var until = DateTime.UtcNow.AddMinutes(1);
        while (new Uri(Driver.Url).AbsolutePath == "/sign-in" && DateTime.UtcNow < until) Thread.Sleep(50);
        Assert.NotEqual("/sign-in", new Uri(Driver.Url).AbsolutePath);
    }

    /// <summary>Saves the page at 375 px and at 1440 px wide (the whole page's height) as NAME-375.png and NAME-1440.png.</summary>
    public void Screenshots(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        foreach (var width in new[] { 375, 1440 })
        {
            Driver.Manage().Window.Size = new System.Drawing.Size(width, 1000);
            var height = Convert.ToInt32(Driver.ExecuteScript("return Math.min(document.documentElement.scrollHeight, 6000);"), System.Globalization.CultureInfo.InvariantCulture);
            Driver.Manage().Window.Size = new System.Drawing.Size(width, Math.Max(height, 600));
            Driver.GetScreenshot().SaveAsFile(Path.Combine(folder, $"{name}-{width}.png"));
        }
        Driver.Manage().Window.Size = new System.Drawing.Size(1440, 1000);
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}
