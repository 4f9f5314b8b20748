using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Appointments;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Episodes;
using Pathway.Tests.Infrastructure;
using Pathway.Web;

namespace Pathway.Tests.Casework;

/// <summary>
/// A booking and the contact it becomes are counted once: recording the contact closes the booking, a second attempt is
/// refused, a discharged episode takes no bookings and discharge cancels the bookings still to come.
/// </summary>
public class BookingTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Now);

    private static async Task<(TestSite Site, HttpClient Client)> WorkerAsync(TestDatabase database, string role = Roles.RecoveryWorker)
    {
        await database.FillDemoAsync(new DemoOptions(People: 40, Years: 2, Seed: 5), Today);
        var site = await TestSite.StartAsync(database.Target);
        var client = site.NewClient();
        await TestSite.SignInAsync(client, DemoArea.SignIns.First(s => s.Role == role).Email, DemoArea.Password);
        return (site, client);
    }

    private static async Task<(HttpStatusCode Status, string Page)> PostAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        var response = await TestSite.PostCaseFormAsync(client, page, fields);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<int> OpenEpisodeAsync(Data.PathwayDb db) =>
        await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.DischargeDate == null && e.TriageDate != null)
            .OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();

    private static Dictionary<string, string> Attended(DateOnly day) => new()
    {
        ["Date"] = Iso(day), ["Channel"] = nameof(ContactChannel.FaceToFace), ["Kind"] = nameof(ContactKind.Keywork), ["Attended"] = "True",
    };

    [Theory, DatabaseData]
    public async Task RecordingAContactForABookingThatWasAlreadyRecordedIsRefusedWithASentenceAndMakesNoSecondContact(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await WorkerAsync(database);
        await using var _ = site;
        await using var db = database.Open();
        var id = await OpenEpisodeAsync(db);
        var booking = new Appointment { EpisodeId = id, Date = Today, Channel = ContactChannel.FaceToFace, Kind = ContactKind.Keywork };
        db.Appointments.Add(booking);
        await db.SaveChangesAsync();
        var contacts = await db.Contacts.CountAsync(c => c.EpisodeId == id);
        var page = $"/episodes/{id}/contacts/new?appointment={booking.Id}";

        // The same form posted twice (a double click, or the back button and Save again).
        var html = await client.GetStringAsync(page);
        var fields = Attended(Today);
        fields["__RequestVerificationToken"] = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        fields["Version"] = Regex.Match(html, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;
        var first = await client.PostAsync(page, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var again = await client.PostAsync(page, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("This appointment has already been recorded", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));

        // And a fresh form for the same booking is refused too.
        var (status, refused) = await PostAsync(client, page, Attended(Today));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("This appointment has already been recorded", refused);
        Assert.Equal(contacts + 1, await db.Contacts.CountAsync(c => c.EpisodeId == id));
    }

    [Theory, DatabaseData]
    public async Task RecordingTheContactClosesTheBookingInTheSameSave(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await WorkerAsync(database);
        await using var _ = site;
        await using var db = database.Open();
        var id = await OpenEpisodeAsync(db);
        var booking = new Appointment { EpisodeId = id, Date = Today, Time = new TimeOnly(10, 30), Channel = ContactChannel.Phone, Kind = ContactKind.Review };
        db.Appointments.Add(booking);
        await db.SaveChangesAsync();

        // The plain "Record a contact" form offers the open booking of the day; choosing it records against it.
        var offer = WebUtility.HtmlDecode(await client.GetStringAsync($"/episodes/{id}/contacts/new"));
        Assert.Contains("10:30", offer);
        var fields = Attended(Today);
        fields["Appointment"] = booking.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (status, _) = await PostAsync(client, $"/episodes/{id}/contacts/new", fields);

        Assert.Equal(HttpStatusCode.Redirect, status);
        var closed = await db.Appointments.AsNoTracking().SingleAsync(a => a.Id == booking.Id);
        Assert.NotNull(closed.ContactId);
        var casePage = WebUtility.HtmlDecode(await client.GetStringAsync($"/episodes/{id}"));
        Assert.DoesNotContain($"contacts/new?appointment={booking.Id}", casePage);
    }

    [Theory, DatabaseData]
    public async Task ABookingCannotBeAddedToADischargedEpisode(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await WorkerAsync(database);
        await using var _ = site;
        await using var db = database.Open();
        var id = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.DischargeDate != null)
            .OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();

        var (status, page) = await PostAsync(client, $"/episodes/{id}/appointments/new", new()
        {
            ["Date"] = Iso(Today.AddDays(3)), ["Channel"] = nameof(ContactChannel.Phone), ["Kind"] = nameof(ContactKind.Keywork),
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("This episode has been discharged: appointments cannot be booked", page);
        Assert.Equal(0, await db.Appointments.CountAsync(a => a.EpisodeId == id));
    }

    [Theory, DatabaseData]
    public async Task DischargeCancelsTheBookingsStillToComeWithTheReasonDischarged(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await WorkerAsync(database);
        await using var _ = site;
        await using var db = database.Open();
        var id = await OpenEpisodeAsync(db);
        db.Appointments.Add(new Appointment { EpisodeId = id, Date = Today.AddDays(5), Channel = ContactChannel.Phone, Kind = ContactKind.Keywork });
        await db.SaveChangesAsync();

        var (status, _) = await PostAsync(client, $"/episodes/{id}/discharge", new()
        {
            ["DischargeDate"] = Iso(Today), ["Reason"] = nameof(DischargeReason.DroppedOut), ["Confirmed"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, status);
        var casePage = WebUtility.HtmlDecode(await client.GetStringAsync($"/episodes/{id}"));
        Assert.Contains($"Cancelled: discharged", casePage);
        Assert.DoesNotContain("<h3>Booked</h3>", casePage);
    }

    [Theory, DatabaseData]
    public async Task TheDiaryShowsAWorkersBookingsByWeekAndAManagerMayOpenTheDiaryOfSomeoneInTheirTeam(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await WorkerAsync(database);
        await using var _ = site;
        await using var db = database.Open();
        var id = await OpenEpisodeAsync(db);
        var (booked, _) = await PostAsync(client, $"/episodes/{id}/appointments/new", new()
        {
            ["Date"] = Iso(Today.AddDays(1)), ["Time"] = "14:15", ["Channel"] = nameof(ContactChannel.Video), ["Kind"] = nameof(ContactKind.Review),
        });
        Assert.Equal(HttpStatusCode.Redirect, booked);
        var booking = await db.Appointments.AsNoTracking().OrderByDescending(a => a.Id).FirstAsync(a => a.EpisodeId == id);
        var name = await db.Episodes.Where(e => e.Id == id).Select(e => e.ClientRecord.GivenName).SingleAsync();

        var week = WebUtility.HtmlDecode(await client.GetStringAsync($"/diary?date={Iso(Today.AddDays(1))}&view=week"));
        Assert.Contains("14:15", week);
        Assert.Contains(name!, week);
        Assert.Contains($"/episodes/{id}/appointments/{booking.Id}", week);
        var otherDay = WebUtility.HtmlDecode(await client.GetStringAsync($"/diary?date={Iso(Today.AddDays(8))}"));
        Assert.DoesNotContain($"/episodes/{id}/appointments/{booking.Id}", otherDay);

        var managerEmail = DemoArea.SignIns.First(s => s.Role == Roles.TeamManager).Email;
        var manager = site.NewClient();
        await TestSite.SignInAsync(manager, managerEmail, DemoArea.Password);
        var managerId = await db.Users.Where(u => u.Email == managerEmail).Select(u => u.Id).SingleAsync();
        var teamDiary = await manager.GetStringAsync($"/diary?date={Iso(Today.AddDays(1))}&workerId={booking.WorkerId}");
        Assert.Contains($"/episodes/{id}/appointments/{booking.Id}", teamDiary);
        // A worker who is not a manager sees only their own diary.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/diary?workerId={managerId}")).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task ReschedulingKeepsTheOldBookingWithItsReasonAndCancellingClosesIt(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await WorkerAsync(database);
        await using var _ = site;
        await using var db = database.Open();
        var id = await OpenEpisodeAsync(db);
        var booking = new Appointment { EpisodeId = id, Date = Today.AddDays(2), Channel = ContactChannel.Phone, Kind = ContactKind.Keywork };
        db.Appointments.Add(booking);
        await db.SaveChangesAsync();

        var (missingReason, page) = await PostAsync(client, $"/episodes/{id}/appointments/{booking.Id}", new() { ["Change"] = "Reschedule", ["NewDate"] = Iso(Today.AddDays(4)) });
        Assert.Equal(HttpStatusCode.OK, missingReason);
        Assert.Contains("Error: Change or cancel an appointment", page);
        Assert.Contains("Enter the reason", page);

        var (moved, _) = await PostAsync(client, $"/episodes/{id}/appointments/{booking.Id}", new()
        {
            ["Change"] = "Reschedule", ["NewDate"] = Iso(Today.AddDays(4)), ["Reason"] = "Client has a hospital appointment",
        });
        Assert.Equal(HttpStatusCode.Redirect, moved);
        var replacement = await db.Appointments.AsNoTracking().SingleAsync(a => a.RescheduledFromId == booking.Id);
        Assert.Equal(Today.AddDays(4), replacement.Date);
        var casePage = WebUtility.HtmlDecode(await client.GetStringAsync($"/episodes/{id}"));
        Assert.Contains($"Moved to {Words.Date(Today.AddDays(4))}: Client has a hospital appointment", casePage);

        var (cancelled, _) = await PostAsync(client, $"/episodes/{id}/appointments/{replacement.Id}", new() { ["Change"] = "Cancel", ["Reason"] = "Client asked to stop" });
        Assert.Equal(HttpStatusCode.Redirect, cancelled);
        Assert.Contains("Cancelled: Client asked to stop", WebUtility.HtmlDecode(await client.GetStringAsync($"/episodes/{id}")));
        var (recorded, refused) = await PostAsync(client, $"/episodes/{id}/contacts/new?appointment={replacement.Id}", Attended(Today));
        Assert.Equal(HttpStatusCode.OK, recorded);
        Assert.Contains("This appointment was cancelled", refused);
    }

    [Theory, DatabaseData]
    public async Task DischargeShowsWhatWillCloseAndASuccessfulCompletionNeedsAnExitReviewOrAReason(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await WorkerAsync(database);
        await using var _ = site;
        await using var db = database.Open();
        var id = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.DischargeDate == null && e.TriageDate != null
                && e.Substance1 == Substance.Alcohol && e.Substance2 == null && !e.OutcomeReviews.Any(r => r.Stage == Pathway.OutcomeReviews.ReviewStage.Exit))
            .OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        db.Appointments.Add(new Appointment { EpisodeId = id, Date = Today.AddDays(3), Time = new TimeOnly(11, 45), Channel = ContactChannel.Phone, Kind = ContactKind.Keywork });
        await db.SaveChangesAsync();
        var fields = new Dictionary<string, string> { ["DischargeDate"] = Iso(Today), ["Reason"] = nameof(DischargeReason.CompletedAlcoholFree) };

        var (refusedStatus, refused) = await PostAsync(client, $"/episodes/{id}/discharge", new(fields));
        Assert.Equal(HttpStatusCode.OK, refusedStatus);
        Assert.Contains("Record an exit outcome review on or before the discharge date, or give the reason none could be done", refused);

        fields["NoExitReviewReason"] = "Moved out of the area before the last session";
        var (checkStatus, check) = await PostAsync(client, $"/episodes/{id}/discharge", new(fields));
        Assert.Equal(HttpStatusCode.OK, checkStatus);
        Assert.Contains("Check before you discharge", check);
        Assert.Contains("11:45", check);
        Assert.Null((await db.Episodes.AsNoTracking().SingleAsync(e => e.Id == id)).DischargeDate);

        fields["Confirmed"] = "true";
        var (saved, _) = await PostAsync(client, $"/episodes/{id}/discharge", new(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved);
        var casePage = WebUtility.HtmlDecode(await client.GetStringAsync($"/episodes/{id}"));
        Assert.Contains("Moved out of the area before the last session", casePage);
        Assert.Contains($"/episodes/{id}/reviews/new?stage=PostExit", casePage);
        Assert.Contains($"/episodes/{id}/contacts/new?kind=Aftercare", casePage);
        Assert.Contains("/referrals/new", casePage);
    }
}
