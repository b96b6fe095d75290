using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;
using Xunit.Abstractions;

namespace Dyad.Tests.Serve;

/// <summary>
/// The dashboard in headless Debian Chromium, driven as a person would: open each view, filter, open an event.
/// Screenshots go to screenshots/ beside the test assembly. Skips (saying why) when Chromium, its driver or the
/// dashboard build is missing.
/// </summary>
[Collection("dashboard")]
public sealed class DashboardBrowserTests(DashboardFixture server, ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private ChromeDriver? StartBrowser()
    {
        if (!File.Exists(Chromium) || !File.Exists(ChromeDriver))
        {
            output.WriteLine($"SKIP: {Chromium} or {ChromeDriver} is absent; install Debian's chromium and chromium-driver to run the browser tests");
            return null;
        }
        if (server.DashboardProblem is { } problem)
        {
            output.WriteLine($"SKIP: the dashboard could not be built: {problem}");
            return null;
        }
        var profile = Path.Combine(Path.GetTempPath(), "dyad-chromium-" + Guid.NewGuid().ToString("N")[..8]);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={profile}", "--window-size=1400,1000");
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(120));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(60);
        return driver;
    }

    private static void Until(IWebDriver driver, Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            try { if (condition()) return; }
            catch (WebDriverException) { }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited {seconds} s for {what}; page: {driver.Url}\n{driver.FindElement(By.TagName("main")).Text[..Math.Min(2000, driver.FindElement(By.TagName("main")).Text.Length)]}");
            Thread.Sleep(150);
        }
    }

    /// <summary>Opens a path and waits until its view has finished loading.</summary>
    private void Open(IWebDriver driver, string path)
    {
        driver.Navigate().GoToUrl(server.BaseUrl + path);
        WaitReady(driver, path);
    }

    private static void WaitReady(IWebDriver driver, string what) =>
        Until(driver, () => driver.FindElement(By.Id("view")).GetAttribute("data-ready") == "true", $"{what} to load");

    private void Save(IWebDriver driver, string name)
    {
        Directory.CreateDirectory(Screenshots);
        var file = Path.Combine(Screenshots, name + ".png");
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(file);
        output.WriteLine($"screenshot: {file}");
    }

    [Fact]
    public void Every_view_opens_without_errors()
    {
        using var driver = StartBrowser();
        if (driver is null) return;
        foreach (var (path, view, expect) in new[]
        {
            ("/events", "events", "table.events tbody tr"),
            ("/articles", "articles", "ul.articles li"),
            ("/dyads?interval=month", "dyads", ".chart canvas"),
            ("/network", "network", ".network canvas"),
            ("/map", "map", ".map svg circle"),
            ("/stories", "stories", "ul.stories li"),
        })
        {
            Open(driver, path);
            Assert.Equal(view, driver.FindElement(By.Id("view")).GetAttribute("data-view"));
            Assert.Empty(driver.FindElements(By.CssSelector(".state.error")));
            Until(driver, () => driver.FindElements(By.CssSelector(expect)).Count > 0, $"{expect} on {path}");
            Assert.Equal("page", driver.FindElement(By.CssSelector($"nav a[data-view='{view}']")).GetAttribute("aria-current"));
            Save(driver, "view-" + view);
        }
    }

    [Fact]
    public void Filter_updates_the_table_and_the_shareable_url()
    {
        using var driver = StartBrowser();
        if (driver is null) return;
        Open(driver, "/events");
        int Total() => int.Parse(driver.FindElement(By.CssSelector("table.events caption")).Text.Split(' ')[0]);
        int all = Total();
        var country = driver.FindElement(By.CssSelector("form.filters input[name='country']"));
        country.SendKeys("RUS");
        driver.FindElement(By.CssSelector("form.filters button[type='submit']")).Click();
        Until(driver, () => driver.Url.Contains("country=RUS") && driver.FindElement(By.Id("view")).GetAttribute("data-ready") == "true", "the filtered table");
        int filtered = Total();
        Assert.InRange(filtered, 1, all - 1);
        foreach (var row in driver.FindElements(By.CssSelector("table.events tbody tr")))
            Assert.Contains("RUS", row.Text);
        Save(driver, "events-filtered");

        // the URL alone restores the view: a fresh load shows the same filter and total
        var shared = driver.Url;
        driver.Navigate().GoToUrl(server.BaseUrl + "/articles");
        WaitReady(driver, "articles");
        driver.Navigate().GoToUrl(shared);
        WaitReady(driver, "shared URL");
        Assert.Equal("RUS", driver.FindElement(By.CssSelector("form.filters input[name='country']")).GetAttribute("value"));
        Assert.Equal(filtered, Total());

        // a facet is a filter too
        driver.FindElement(By.CssSelector(".facet a")).Click();
        Until(driver, () => driver.Url.Split('?').Last().Split('&').Length >= 2 && driver.FindElement(By.Id("view")).GetAttribute("data-ready") == "true", "a facet filter");
        Assert.True(Total() <= filtered);
    }

    [Fact]
    public void Keyboard_opens_an_event_with_its_sentence_highlighted()
    {
        using var driver = StartBrowser();
        if (driver is null) return;
        Open(driver, "/events?sort=-goldstein");
        var rows = driver.FindElements(By.CssSelector("table.events tbody tr"));
        Assert.NotEmpty(rows);
        ((IJavaScriptExecutor)driver).ExecuteScript("arguments[0].focus()", rows[0]);
        new Actions(driver).SendKeys(Keys.ArrowDown).Perform();
        Until(driver, () => driver.SwitchTo().ActiveElement().GetAttribute("data-event") == rows[1].GetAttribute("data-event"), "focus to move down a row");
        var id = rows[1].GetAttribute("data-event");
        new Actions(driver).SendKeys(Keys.Enter).Perform();
        Until(driver, () => driver.Url.EndsWith($"/events/{id}") && driver.FindElement(By.Id("view")).GetAttribute("data-ready") == "true", "the event page");
        var sentence = driver.FindElement(By.CssSelector("[data-testid='event-sentence']"));
        var predicate = sentence.FindElements(By.CssSelector("mark.predicate"));
        Assert.NotEmpty(predicate);
        Assert.False(string.IsNullOrWhiteSpace(predicate[0].Text));
        Assert.NotEmpty(sentence.FindElements(By.CssSelector("mark.source")));
        Assert.Contains(predicate[0].Text, sentence.Text);
        Save(driver, "event-detail");

        // on to its article: events marked in the text, noise greyed
        driver.FindElement(By.CssSelector(".facts a[href^='/articles/']")).Click();
        Until(driver, () => driver.Url.Contains("/articles/") && driver.FindElement(By.Id("view")).GetAttribute("data-ready") == "true", "the article page");
        var text = driver.FindElement(By.CssSelector("[data-testid='article-text']"));
        Assert.NotEmpty(text.FindElements(By.CssSelector("mark.predicate")));
        Assert.NotEmpty(text.FindElements(By.CssSelector($"[data-events~='{id}']")));
        Save(driver, "article");
    }

    [Fact]
    public async Task Article_view_greys_the_dropped_noise()
    {
        using var driver = StartBrowser();
        if (driver is null) return;
        var list = await server.Http.GetStringAsync("/api/articles?limit=100");
        var ids = System.Text.Json.JsonDocument.Parse(list).RootElement.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList();
        string? withNoise = null;
        foreach (var id in ids)
        {
            var article = System.Text.Json.JsonDocument.Parse(await server.Http.GetStringAsync($"/api/articles/{Uri.EscapeDataString(id)}"));
            if (article.RootElement.GetProperty("removed").GetArrayLength() > 0) { withNoise = id; break; }
        }
        Assert.NotNull(withNoise);
        Open(driver, "/articles/" + Uri.EscapeDataString(withNoise));
        var removed = driver.FindElements(By.CssSelector("[data-testid='article-text'] span.removed"));
        Assert.NotEmpty(removed);
        Assert.Contains("line-through", removed[0].GetCssValue("text-decoration"));
        Save(driver, "article-noise");
    }
}
