using System.Diagnostics;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Standing.Server.Tests.Pages;

/// <summary>
/// Headless Chromium driven by Selenium: Debian's <c>chromium</c> and <c>chromium-driver</c>, installed
/// with apt when absent (as <c>.ci/run</c> does). Screenshots go under the test results folder
/// (<c>TestResults/screenshots</c> beside the test project, or <c>STANDING_SCREENSHOTS</c>).
/// </summary>
internal sealed class Browser : IDisposable
{
    private const string Chromium = "/usr/bin/chromium", DriverPath = "/usr/bin/chromedriver";
    private static readonly Lock Installing = new();

    private Browser(ChromeDriver driver, Uri site)
    {
        Web = driver;
        Site = site;
    }

    public ChromeDriver Web { get; }

    public Uri Site { get; }

    /// <param name="javaScript">False turns the pages' JavaScript off as a person does, by Chromium's content setting
    /// (the driver's own scripts, as <see cref="ClickThrough"/>'s, still run).</param>
    public static Browser Open(Uri site, int width = 1440, int height = 1000, string? language = null, bool javaScript = true)
    {
        EnsureInstalled();
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", $"--window-size={width},{height}",
            "--user-data-dir=" + Directory.CreateTempSubdirectory("standing-chromium-").FullName);
        if (!javaScript) options.AddUserProfilePreference("profile.managed_default_content_settings.javascript", 2);
        if (language is not null)
        {
            options.AddArgument("--lang=" + language);
            options.AddUserProfilePreference("intl.accept_languages", language);
        }
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var driver = new ChromeDriver(service, options, TimeSpan.FromMinutes(2));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromMinutes(2);
        return new Browser(driver, site);
    }

    public void Go(string path) => Web.Navigate().GoToUrl(new Uri(Site, path));

    public IWebElement Find(string css) => Web.FindElement(By.CssSelector(css));

    public IReadOnlyList<IWebElement> FindAll(string css) => Web.FindElements(By.CssSelector(css));

    /// <summary>
    /// Clicks what loads another page (a link, a form's button) and waits until that page has replaced this
    /// one: a click returns before a posted form's answer arrives, so a find right after it can still see,
    /// or miss, the old page.
    /// </summary>
    public void ClickThrough(IWebElement element)
    {
        var old = Web.FindElement(By.TagName("html"));
        element.Click();
        var until = DateTime.UtcNow.AddMinutes(1);
        while (!IsGone(old) && DateTime.UtcNow < until) Thread.Sleep(25);
        while (!Equals(Web.ExecuteScript("return document.readyState"), "complete") && DateTime.UtcNow < until) Thread.Sleep(25);
        Assert.True(IsGone(old), "the click did not load another page within a minute");
    }

    private static bool IsGone(IWebElement element)
    {
        try
        {
            _ = element.Enabled;
            return false;
        }
        catch (StaleElementReferenceException)
        {
            return true;
        }
        catch (UnknownErrorException e) when (e.Message.Contains("does not belong to the document", StringComparison.Ordinal))
        {
            // Chromium's answer when the element's page is being replaced at that instant: gone as well.
            return true;
        }
    }

    public string Location => new Uri(Web.Url).PathAndQuery;

    public string Text => Web.FindElement(By.TagName("body")).Text;

    /// <summary>Signs in through the sign-in page as a person would: paste the key, press the button.</summary>
    public void SignIn(string key)
    {
        Go("/sign-in");
        Find("#key").SendKeys(key);
        ClickThrough(Find("form[action='/sign-in'] button[type=submit]"));
        // The answer is a redirect away from the sign-in page: wait for it, or the next page is asked without the session.
        var until = DateTime.UtcNow.AddMinutes(1);
        while (new Uri(Web.Url).AbsolutePath == "/sign-in" && DateTime.UtcNow < until) Thread.Sleep(50);
        Assert.NotEqual("/sign-in", new Uri(Web.Url).AbsolutePath);
    }

    /// <summary>Saves the whole page at a phone's width (375 px) and a desktop's (1440 px): NAME-375.png and NAME-1440.png.</summary>
    public void Screenshots(string name)
    {
        var size = Web.Manage().Window.Size;
        foreach (var width in new[] { 375, 1440 })
        {
            Web.Manage().Window.Size = new System.Drawing.Size(width, size.Height);
            Screenshot($"{name}-{width}");
        }
        Web.Manage().Window.Size = size;
    }

    /// <summary>Saves a screenshot of the whole page as it is now, at the window's width.</summary>
    public string Screenshot(string name)
    {
        var folder = Environment.GetEnvironmentVariable("STANDING_SCREENSHOTS") is { Length: > 0 } chosen
            ? chosen
            : System.IO.Path.Combine(OpenApiContractTests.RepositoryFile("tests/Standing.Server.Tests"), "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        var file = System.IO.Path.Combine(folder, name + ".png");
        // The full page: the window grows to the document's height for the shot.
        var size = Web.Manage().Window.Size;
        var height = Convert.ToInt32(Web.ExecuteScript("return Math.ceil(document.documentElement.scrollHeight)"), System.Globalization.CultureInfo.InvariantCulture);
        Web.Manage().Window.Size = new System.Drawing.Size(size.Width, Math.Min(Math.Max(height, 400), 8000));
        Web.GetScreenshot().SaveAsFile(file);
        Web.Manage().Window.Size = size;
        return file;
    }

    private static void EnsureInstalled()
    {
        lock (Installing)
        {
            if (File.Exists(Chromium) && File.Exists(DriverPath)) return;
            Run("apt-get", "update -qq");
            Run("apt-get", "install -y -qq chromium chromium-driver");
            if (!File.Exists(Chromium) || !File.Exists(DriverPath))
                throw new InvalidOperationException($"{Chromium} or {DriverPath} is missing and apt-get could not install chromium chromium-driver");
        }
    }

    private static void Run(string command, string arguments)
    {
        var start = new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
    }

    public void Dispose()
    {
        Web.Quit();
        Web.Dispose();
    }
}
