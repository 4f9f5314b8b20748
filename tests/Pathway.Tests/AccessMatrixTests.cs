using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

/// <summary>
/// Enforcement, not declaration: every id a page or endpoint takes (in its route, query string or form), found from
/// the route table and the page models, is requested by every role of the other provider and the other council with
/// a record outside their scope; every download is fetched by every role and searched for records outside it.
/// </summary>
public class AccessMatrixTests
{
    private static async Task<TestSite> DemoSiteAsync(TestDatabase database)
    {
        await database.FillDemoAsync(new DemoOptions(People: 60, Years: 3, Seed: 12), new DateOnly(2026, 11, 23));
        return await TestSite.StartAsync(database.Target);
    }

    [Theory, DatabaseData]
    public async Task EveryEndpointDeclaresWhoMayUseItAndWhatEachIdNames(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await TestSite.StartAsync(database.Target);
        var loader = site.Services.GetRequiredService<PageLoader>();
        var parameters = await IdParameters.OfAsync(site.Endpoints, loader);

        Assert.Empty(AccessRules.Violations(site.Endpoints));
        Assert.Empty(IdParameters.Violations(parameters));
        Assert.Contains(site.Endpoints, e => AccessRules.TakesARecordId(e));
        // The discovery really reads query and form ids, not only routes.
        Assert.Contains(parameters, p => p.Place == ParameterPlace.Query && IdParameters.KindOf(p) == "goal");
        Assert.Contains(parameters, p => p.Place == ParameterPlace.Query && IdParameters.KindOf(p) == "person");
        Assert.Contains(parameters, p => p.Place == ParameterPlace.Form && IdParameters.KindOf(p) == "staff");
        Assert.Empty(Downloads.Undeclared(site.Endpoints, await IdParameters.HandlersAsync(site.Endpoints, loader)));
    }

    [Fact]
    public void AnEndpointWithoutARuleIsCaught()
    {
        var unprotected = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/test/{id:int}"), 0,
            EndpointMetadataCollection.Empty, "deliberately unprotected");
        var anonymousButHidden = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/internal/export"), 0,
            new EndpointMetadataCollection(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute()), "anonymous");

        var violations = AccessRules.Violations([unprotected, anonymousButHidden]).ToList();

        Assert.Contains("/test/{id:int}: needs a named authorization policy (Access/Policies.cs)", violations);
        Assert.Contains("/test/{id:int}: takes a record id but declares no [AuditedRecord] scope rule", violations);
        Assert.Contains("/internal/export: open to anyone without signing in, but not listed as a public route", violations);
    }

    [Fact]
    public void AQueryOrFormIdWithoutAKindAndAnUndeclaredDownloadAreCaught()
    {
        var undeclared = new EndpointParameter("/test/notes", null, "GET", ParameterPlace.Query, "noteId", typeof(int));
        var posted = new EndpointParameter("/test/notes", "Move", "POST", ParameterPlace.Form, "TargetEpisodeId", typeof(int));
        var leakyDownload = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/test/export"), 0,
            EndpointMetadataCollection.Empty, "deliberately undeclared download");

        Assert.True(IdParameters.IsIdLike(posted));
        Assert.Equal(2, IdParameters.Violations([undeclared, posted]).Count());
        Assert.Contains("/test/export", Downloads.Undeclared([leakyDownload], []).Single());
    }

    [Fact]
    public void ADownloadHoldingAnotherScopesRecordIsCaught()
    {
        var markers = new[] { "OLDCO-C000042", "Zebedee Quarrington" };
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(archive.CreateEntry("clients.csv").Open()))
            writer.Write("client_ref,initials\nNEWCO-C000001,AB\nOLDCO-C000042,ZQ\n");

        Assert.Equal(["OLDCO-C000042"], Downloads.Leaks(zip.ToArray(), markers));
        Assert.Empty(Downloads.Leaks(Encoding.UTF8.GetBytes("client_ref\nNEWCO-C000001\n"), markers));
    }

    [Theory, DatabaseData]
    public async Task NoRoleOfAnotherScopeReachesARecordThroughAnyRouteQueryOrFormId(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        await using var db = database.Open();
        var records = await ScopeRecords.CreateAsync(db);
        var parameters = await IdParameters.OfAsync(site.Endpoints, site.Services.GetRequiredService<PageLoader>());
        var recordTypes = site.Endpoints.DistinctBy(AccessRules.Route).ToDictionary(AccessRules.Route, AccessRules.RecordType, StringComparer.Ordinal);
        var before = await Fingerprint(db);

        var leaks = new List<string>();
        var tried = 0;
        foreach (var user in DemoArea.AllSignIns)
        {
            using var client = site.NewClient();
            await TestSite.SignInAsync(client, user.Email, DemoArea.Password);
            var other = records.OutsideScopeOf(user);
            var own = records.InsideScopeOf(user);
            foreach (var parameter in parameters.Where(p => IdParameters.KindOf(p) is not null && (p.Route is not "/admin/users" || user.Role != Roles.Administrator)))
            {
                var kindOf = IdParameters.KindOf(parameter)!;
                if (kindOf == "route") kindOf = recordTypes.GetValueOrDefault(parameter.Route) ?? AuditedRecordTypes.Episode;
                if (other.ValueOf(kindOf) is not { } value) continue;
                // A second id goes with a route id the user may open, so only the second one can be refused.
                var isRouteId = parameter.Place == ParameterPlace.Route && parameter.Name == "id";
                var routeId = isRouteId ? value : own?.ValueOf(recordTypes.GetValueOrDefault(parameter.Route) ?? AuditedRecordTypes.Episode) ?? value;
                var path = AccessRules.Address(parameter.Route, int.TryParse(routeId, out var n) ? n : 0,
                    parameter.Place == ParameterPlace.Route ? (parameter.Name, value) : null);
                if (path.Length == 0) path = "/";
                var handler = parameter.Handler is null ? "" : $"handler={parameter.Handler}&";
                HttpResponseMessage response;
                if (parameter.Place == ParameterPlace.Form)
                    response = await PostAsync(client, path, parameter, handler, value);
                else
                {
                    var query = parameter.Place == ParameterPlace.Query ? $"{parameter.Name}={Uri.EscapeDataString(value)}" : "";
                    response = await client.GetAsync($"{path}?{handler}{query}");
                }
                tried++;
                var body = await response.Content.ReadAsByteArrayAsync();
                // 401: the programs' API (/api/v1, /fhir) takes bearer tokens only, never a person's sign-in cookie.
                var refused = response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized
                              || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("status=403"));
                var mustBeRefused = isRouteId || kindOf is "goal" or "intervention" or "appointment" or "prescription" or "prescription-form";
                var shown = Downloads.Leaks(body, other.Markers).ToList();
                if (shown.Count > 0 || (mustBeRefused && !refused && parameter.HttpMethod == "GET"))
                    leaks.Add($"{user.Role} of {user.ProviderCode ?? user.LocalAuthorityCode ?? "all"}: {parameter.HttpMethod} {path} {parameter.Name}={value}: "
                              + $"{(int)response.StatusCode} {string.Join(", ", shown)}");
            }
        }

        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.True(tried > 200, $"only {tried} requests");
        // Nothing any of those requests posted changed another scope's records.
        Assert.Equal(before, await Fingerprint(db));
        // The same pages do open for the right person, so the refusals above are the scope at work.
        using var worker = site.NewClient();
        await TestSite.SignInAsync(worker, DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker).Email, DemoArea.Password);
        var ownEpisode = records.InsideScopeOf(DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker))!.ValueOf("Episode")!;
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/episodes/{ownEpisode}")).StatusCode);
        Assert.True(await db.AuditEvents.CountAsync(e => e.Action == AuditActions.Refused && e.PersonId != null) > 20);
    }

    [Theory, DatabaseData]
    public async Task NoDownloadHoldsARecordOutsideTheScopeOfWhoeverFetchesIt(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        await using var db = database.Open();
        var records = await ScopeRecords.CreateAsync(db);

        var problems = new List<string>();
        var fetched = 0;
        foreach (var user in DemoArea.AllSignIns)
        {
            using var client = site.NewClient();
            await TestSite.SignInAsync(client, user.Email, DemoArea.Password);
            var own = records.InsideScopeOf(user);
            var other = records.OutsideScopeOf(user);
            foreach (var address in Downloads.Addresses(own, user))
            {
                var response = await client.GetAsync(address);
                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentDisposition is null) continue;
                fetched++;
                foreach (var leak in Downloads.Leaks(await response.Content.ReadAsByteArrayAsync(), other.Markers))
                    problems.Add($"{user.Email} {address}: holds {leak}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // Subject access, the audit trail and a bundle export were each really fetched by someone.
        Assert.True(fetched >= 6, $"only {fetched} downloads fetched");
    }

    /// <summary>A cheap summary of every client record, so a post that changed anything shows.</summary>
    private static async Task<string> Fingerprint(PathwayDb db) => string.Join(",",
        await db.Episodes.SumAsync(e => e.Version), await db.ChangeRecords.CountAsync(), await db.RecoveryGoals.CountAsync(),
        await db.Interventions.CountAsync(), await db.Contacts.CountAsync(), await db.Appointments.CountAsync(),
        await db.CarerSupport.CountAsync(), await db.PeerMentorings.CountAsync(), await db.People.CountAsync(),
        await db.CarerContactRequests.CountAsync(r => r.HandledAt != null), await db.CaseNotes.CountAsync(),
        await db.GroupSessions.CountAsync(), await db.GroupAttendances.CountAsync(a => a.Attended), await db.PeerSupportContacts.CountAsync(),
        await db.PeerConcerns.CountAsync(c => c.SeenAt != null), await db.Episodes.CountAsync(e => e.KeyWorkerId != null),
        await db.HarmReductionEvents.CountAsync(), await db.RiskFlags.CountAsync(),
        await db.Prescriptions.CountAsync(), await db.Prescriptions.CountAsync(p => p.EndDate != null), await db.PrescriptionForms.CountAsync(),
        await db.DoseRecords.CountAsync(), await db.DispensingReviews.CountAsync());

    /// <summary>Posts the form as the page offers it (filled in as it stands), with the id replaced by another scope's.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, EndpointParameter parameter, string handler, string value)
    {
        var page = await client.GetAsync(path);
        var html = page.StatusCode == HttpStatusCode.OK ? await page.Content.ReadAsStringAsync() : await client.GetStringAsync("/");
        var action = $"{path}?{handler}".TrimEnd('?', '&');
        var form = HostileInputTests.PostForms(path, html).FirstOrDefault(f => f.Fields.Any(x => x.Name == parameter.Name))
                   ?? HostileInputTests.PostForms(path, html).First();
        var fields = form.Fields.Where(f => !f.File).GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.First().Value);
        fields[parameter.Name] = value;
        return await client.PostAsync(page.StatusCode == HttpStatusCode.OK && form.Fields.Any(x => x.Name == parameter.Name) ? form.Action : action,
            new FormUrlEncodedContent(fields));
    }
}

/// <summary>For each provider, one record of every kind an id can name, and the text that would betray each person.</summary>
public sealed class ScopeRecords
{
    private readonly Dictionary<string, Side> sides = [];

    public sealed record Side(Dictionary<string, string> Values, List<string> Markers)
    {
        public string? ValueOf(string kind) => Values.GetValueOrDefault(kind);
    }

    public Side? InsideScopeOf(DemoSignIn user) => user.ProviderCode is { } p ? sides[p] : null;

    /// <summary>Records nobody in this user's scope may see: the other provider's, or (for a commissioner or administrator) any.</summary>
    public Side OutsideScopeOf(DemoSignIn user) =>
        sides[user.ProviderCode == DemoArea.Incoming.Code ? DemoArea.Outgoing.Code : DemoArea.Incoming.Code];

    public static async Task<ScopeRecords> CreateAsync(PathwayDb db)
    {
        var records = new ScopeRecords();
        foreach (var (provider, otherProvider) in new[] { (DemoArea.Incoming.Code, DemoArea.Outgoing.Code), (DemoArea.Outgoing.Code, DemoArea.Incoming.Code) })
        {
            // People known to this provider only: nothing of them is anyone else's.
            var only = db.Episodes.Where(e => e.ProviderCode == provider && !db.Episodes.Any(o => o.PersonId == e.PersonId && o.ProviderCode == otherProvider));
            var episode = await only.OrderBy(e => e.Id).Include(e => e.ClientRecord).FirstAsync();
            var goal = db.RecoveryGoals.Add(new CarePlans.RecoveryGoal
            {
                EpisodeId = episode.Id, Description = $"Goal {provider}", Status = CarePlans.GoalStatus.NotStarted, SetOn = episode.ReferralDate,
            }).Entity;
            var appointment = db.Appointments.Add(new Appointments.Appointment
            {
                EpisodeId = episode.Id, Date = new DateOnly(2026, 12, 20), Channel = Episodes.ContactChannel.FaceToFace, Kind = Episodes.ContactKind.Keywork,
            }).Entity;
            var carer = db.Carers.Add(new Carers.Carer { ClientRecordId = episode.ClientRecordId, Name = $"Carer of {provider}", Relationship = "Sister" }).Entity;
            var request = db.CarerContactRequests.Add(new Pathway.PublicSite.Carers.CarerContactRequest
            {
                Name = $"Requester for {provider}", Phone = "07700900123", ProviderCode = provider, LocalAuthorityCode = "E08000007",
                RequestedAt = DateTimeOffset.UtcNow,
            }).Entity;
            var group = db.GroupSessions.Add(new Groups.GroupSession
            {
                ProviderCode = provider, Type = Groups.GroupType.PsychosocialGroup, Title = $"Group of {provider}", Date = new DateOnly(2026, 11, 20), Facilitator = "Someone",
            }).Entity;
            var concern = db.PeerConcerns.Add(new PeerMentors.PeerConcern
            {
                EpisodeId = episode.Id, Reason = $"Concern at {provider}", RaisedById = "x", RaisedByName = "Mentor", RaisedAt = DateTimeOffset.UtcNow,
            }).Entity;
            // A prescription dispensed by the pharmacy the demo pharmacist does not work at, so it is outside every scope but its provider's.
            var prescription = await db.Prescriptions.Where(p => p.Episode.ProviderCode == provider && p.PharmacyOdsCode != DemoArea.Pharmacies[0].OdsCode)
                .OrderBy(p => p.Id).FirstAsync();
            var form = db.PrescriptionForms.Add(new Pathway.Prescribing.PrescriptionForm
            {
                PrescriptionId = prescription.Id, SerialNumber = $"SCOPE{provider}", FirstDay = prescription.StartDate, LastDay = prescription.StartDate,
                IssuedAt = DateTimeOffset.UtcNow, IssuedById = "x", IssuedByName = "Prescriber",
            }).Entity;
            await db.SaveChangesAsync();
            var groupContact = new Episodes.Contact { EpisodeId = episode.Id, Date = new DateOnly(2026, 11, 20), Channel = Episodes.ContactChannel.FaceToFace, Kind = Episodes.ContactKind.Group, Attended = true };
            var attendance = db.GroupAttendances.Add(new Groups.GroupAttendance { GroupSessionId = group.Id, EpisodeId = episode.Id, Contact = groupContact, Attended = true }).Entity;
            await db.SaveChangesAsync();
            var intervention = await db.Interventions.Where(i => i.Episode.ProviderCode == provider).Select(i => i.Id).FirstAsync();
            var contact = await db.Contacts.Where(c => c.Episode.ProviderCode == provider).Select(c => c.Id).FirstAsync();
            var staff = await db.Users.Where(u => u.ProviderCode == provider).OrderBy(u => u.Email).Select(u => new { u.Id, u.Email }).FirstAsync();
            var markers = await only.Select(e => e.EpisodeRef).Take(200).ToListAsync();
            markers.AddRange(await db.ClientRecords.Where(c => only.Any(e => e.ClientRecordId == c.Id)).Select(c => c.ClientRef).Take(200).ToListAsync());
            markers.AddRange(await db.ClientRecords.Where(c => only.Any(e => e.ClientRecordId == c.Id) && c.NhsNumber != null).Select(c => c.NhsNumber!).Take(200).ToListAsync());
            records.sides[provider] = new Side(new Dictionary<string, string>
            {
                [AuditedRecordTypes.Episode] = episode.Id.ToString(),
                [AuditedRecordTypes.Person] = episode.PersonId.ToString(),
                [AuditedRecordTypes.ClientRecord] = episode.ClientRecordId.ToString(),
                ["person"] = episode.PersonId.ToString(),
                ["goal"] = goal.Id.ToString(),
                ["intervention"] = intervention.ToString(),
                ["appointment"] = appointment.Id.ToString(),
                ["contact"] = contact.ToString(),
                ["carer"] = carer.Id.ToString(),
                ["carer-request"] = request.Id.ToString(),
                ["staff"] = staff.Id,
                ["source"] = episode.Source,
                ["upload"] = Guid.NewGuid().ToString("N"),
                [AuditedRecordTypes.GroupSession] = group.Id.ToString(),
                ["group-attendance"] = attendance.Id.ToString(),
                ["concern"] = concern.Id.ToString(),
                ["prescription"] = prescription.Id.ToString(),
                ["prescription-form"] = form.Id.ToString(),
            }, markers);
        }
        return records;
    }
}

/// <summary>Every download Pathway offers, and how to look inside one for records that should not be there.</summary>
public static class Downloads
{
    /// <summary>The downloads, as each user would fetch them within their own scope.</summary>
    public static IEnumerable<string> Addresses(ScopeRecords.Side? own, DemoSignIn user)
    {
        var person = own?.ValueOf("person") ?? "1";
        yield return $"/clients/{person}/subject-access?handler=Download";
        yield return $"/audit/export?person={person}";
        yield return $"/audit/export?account={Uri.EscapeDataString(user.Email)}";
        foreach (var source in new[] { DemoArea.Incoming.Code, DemoArea.Outgoing.Code })
        {
            yield return $"/records?handler=Export&source={source}";
            yield return $"/records?handler=Export&source={source}&national=true";
        }
        yield return "/performance?handler=Download";
    }

    /// <summary>Routes and handlers that hand over a file: each must be among <see cref="Addresses"/>.</summary>
    private static readonly HashSet<string> Declared =
        ["/clients/{id:int}/subject-access?handler=Download", "/audit/export", "/records?handler=Export", "/performance?handler=Download"];

    public static IEnumerable<string> Undeclared(IEnumerable<RouteEndpoint> endpoints, IEnumerable<string> pageHandlers)
    {
        var handlers = pageHandlers.Where(h => h.Contains("handler=Download") || h.Contains("handler=Export"));
        var routes = endpoints.Select(AccessRules.Route).Where(r => r.Contains("export", StringComparison.OrdinalIgnoreCase)
                                                                   || r.Contains("download", StringComparison.OrdinalIgnoreCase));
        return handlers.Concat(routes).Distinct().Where(d => !Declared.Contains(d))
            .Select(d => $"{d}: a download not in the access matrix's list (Downloads.Addresses)");
    }

    /// <summary>Which markers appear in a response: as text, or inside any file of a zip.</summary>
    public static IEnumerable<string> Leaks(byte[] body, IReadOnlyCollection<string> markers)
    {
        var texts = new List<string>();
        if (body.Length > 4 && body[0] == 'P' && body[1] == 'K')
        {
            using var archive = new ZipArchive(new MemoryStream(body));
            foreach (var entry in archive.Entries)
                using (var reader = new StreamReader(entry.Open()))
                    texts.Add(reader.ReadToEnd());
        }
        else texts.Add(Encoding.UTF8.GetString(body));
        return markers.Where(m => texts.Any(t => t.Contains(m, StringComparison.Ordinal))).Distinct();
    }
}
