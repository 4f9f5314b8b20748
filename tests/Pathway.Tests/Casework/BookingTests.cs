using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Appointments;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Episodes;
using Pathway.Tests.Infrastructure;

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
}
