// bench/run failover's driver: a steady stream of case changes (case notes) and referrals (the staff referral form)
// through Pathway's web app, as a signed-in recovery worker would make them, for a given time. Every change the app
// confirmed (the redirect to the case after a save) is written to CONFIRMED, one marker a line, so the script can look
// for each one in the database afterwards; every response is written to TIMELINE (seconds since start, what, status).
//   FailoverDriver URL EMAIL PASSWORD EPISODE-IDS(comma-separated) SECONDS CONFIRMED TIMELINE
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

if (args.Length != 7)
{
    Console.Error.WriteLine("usage: FailoverDriver URL EMAIL PASSWORD EPISODE-IDS SECONDS CONFIRMED TIMELINE");
    return 2;
}
var (url, email, password) = (args[0], args[1], args[2]);
var episodes = args[3].Split(',').Select(int.Parse).ToArray();
var duration = TimeSpan.FromSeconds(int.Parse(args[4]));
using var confirmed = new StreamWriter(args[5]) { AutoFlush = true };
using var timeline = new StreamWriter(args[6]) { AutoFlush = true };

// Markers hold letters only (a family name must be a name); the run's own prefix keeps runs apart.
var run = new string(Enumerable.Range(0, 5).Select(_ => (char)('a' + Random.Shared.Next(26))).ToArray());
static string Letters(int n) { var s = ""; do { s = (char)('a' + n % 26) + s; n /= 26; } while (n > 0); return s; }

var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
{
    BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30),
};
var clock = Stopwatch.StartNew();
var tokenPattern = new Regex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
var versionPattern = new Regex("name=\"Version\" value=\"(\\d+)\"");
int tryAgain = 0, saved = 0, failed = 0;

void Note(string what, int status) => timeline.WriteLine($"{clock.Elapsed.TotalSeconds:F2} {what} {status}");

async Task<(int Status, string Body, string? Location)> Send(string what, HttpRequestMessage request)
{
    try
    {
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Note(what, status);
        if (status == 503) tryAgain++;
        return (status, body, response.Headers.Location?.ToString());
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        Note(what, 0); // no answer at all
        return (0, "", null);
    }
}

async Task<bool> SignIn()
{
    var (status, page, _) = await Send("get-sign-in", new HttpRequestMessage(HttpMethod.Get, "/sign-in"));
    if (status != 200) return false;
    var form = new Dictionary<string, string>
    {
        ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = tokenPattern.Match(page).Groups[1].Value,
    };
    var (posted, _, location) = await Send("sign-in", new HttpRequestMessage(HttpMethod.Post, "/sign-in") { Content = new FormUrlEncodedContent(form) });
    return posted == 302 && location is not null && !location.Contains("sign-in", StringComparison.Ordinal);
}

while (!await SignIn())
{
    if (clock.Elapsed > duration) { Console.Error.WriteLine("FailoverDriver: could not sign in."); return 1; }
    await Task.Delay(1000);
}

var today = DateTime.Now.ToString("yyyy-MM-dd");
for (var i = 0; clock.Elapsed < duration; i++)
{
    var referral = i % 3 == 2; // two case notes, then a referral
    var page = referral ? "/referrals/new" : $"/episodes/{episodes[i % episodes.Length]}/notes/new";
    var (status, form, location) = await Send(referral ? "get-referral-form" : "get-note-form", new HttpRequestMessage(HttpMethod.Get, page));
    if (status == 302 && location?.Contains("sign-in", StringComparison.Ordinal) == true) { await SignIn(); continue; }
    if (status != 200) { failed++; await Task.Delay(500); continue; }

    var marker = $"fo{run}{Letters(i)}";
    var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = tokenPattern.Match(form).Groups[1].Value };
    if (referral)
    {
        fields["Input.GivenName"] = "Failover";
        fields["Input.FamilyName"] = char.ToUpperInvariant(marker[0]) + marker[1..];
        // A date of birth of its own, so no referral looks like an earlier one (which asks for a match to be confirmed).
        fields["Input.DateOfBirth"] = new DateOnly(1950, 1, 1).AddDays(i).ToString("yyyy-MM-dd");
        fields["Input.Sex"] = "Female";
        fields["Input.LocalAuthorityCode"] = "E08000007";
        fields["Input.ReferralDate"] = today;
        fields["Input.Source"] = "Self";
        fields["Input.Substance1"] = "Alcohol";
    }
    else
    {
        fields["Date"] = today;
        fields["Kind"] = "Keywork";
        fields["Text"] = $"Failover run note {marker}";
        fields["Version"] = versionPattern.Match(form).Groups[1].Value;
    }
    var (posted, _, saveLocation) = await Send(referral ? "post-referral" : "post-note",
        new HttpRequestMessage(HttpMethod.Post, page) { Content = new FormUrlEncodedContent(fields) });
    if (posted == 302 && saveLocation?.StartsWith("/episodes/", StringComparison.Ordinal) == true)
    {
        saved++;
        confirmed.WriteLine(referral ? $"referral {fields["Input.FamilyName"]}" : $"note {fields["Text"]}");
    }
    else
    {
        failed++;
    }
    await Task.Delay(250);
}
Console.Error.WriteLine($"FailoverDriver: {saved} changes confirmed, {failed} not made, {tryAgain} answers \"try again\" (503)");
return 0;
