using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Web;

/// <summary>
/// What people see while the database is away (a failover under way): a page view is tried again, a form post is
/// answered "nothing was saved, try again" and has indeed saved nothing, and nothing carries a stack trace.
/// </summary>
public class DatabaseOutageTests
{
    /// <summary>Fails the chosen database commands as a dropped connection does, a given number of times.</summary>
    private sealed class DroppedConnections : DbCommandInterceptor
    {
        private int failuresLeft;
        private Func<DbCommand, bool> which = _ => false;
        public int Failed;

        /// <param name="afterRunning">Fail once the command has run (inside its transaction), before anything is committed.</param>
        public void Arm(int failures, Func<DbCommand, bool> commands, bool afterRunning = false)
        {
            which = commands;
            AfterRunning = afterRunning;
            Volatile.Write(ref failuresLeft, failures);
        }

        private bool AfterRunning { get; set; }

        private void MaybeFail(DbCommand command, bool ran)
        {
            if (ran != AfterRunning || !which(command)) return;
            if (Interlocked.Decrement(ref failuresLeft) < 0)
            {
                Interlocked.Increment(ref failuresLeft);
                return;
            }
            Interlocked.Increment(ref Failed);
            throw new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer"));
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            MaybeFail(command, false);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            MaybeFail(command, false);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            MaybeFail(command, true);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            MaybeFail(command, false);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            MaybeFail(command, false);
            return ValueTask.FromResult(result);
        }
    }

    private static DemoSignIn Worker => DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker);

    private static async Task<(TestSite Site, HttpClient Client, int Episode)> StartAsync(TestDatabase database, DroppedConnections drops)
    {
        await database.FillDemoAsync(new DemoOptions(People: 30, Years: 1, Seed: 17), new DateOnly(2026, 11, 23));
        var site = await TestSite.StartAsync(database.Target, services: services =>
        {
            services.ConfigureDbContext<PostgresPathwayDb>(options => options.AddInterceptors(drops));
            services.ConfigureDbContext<SqlitePathwayDb>(options => options.AddInterceptors(drops));
        });
        var client = site.NewClient();
        await TestSite.SignInAsync(client, Worker.Email, DemoArea.Password);
        await using var db = database.Open();
        var today = DateOnly.FromDateTime(DateTime.Now);
        var episode = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.DischargeDate == null && e.ReferralDate <= today)
            .OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        return (site, client, episode);
    }

    private static void AssertNoStackTrace(string page)
    {
        Assert.DoesNotContain("Exception", page);
        Assert.DoesNotContain("   at ", page);
        Assert.DoesNotContain("Connection reset", page);
    }

    [Theory, DatabaseData]
    public async Task APostWhoseSaveLosesTheDatabaseIsAnswered503NothingWasSavedAndHasSavedNothing(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var drops = new DroppedConnections();
        var (site, client, episode) = await StartAsync(database, drops);
        await using var _ = site;
        await using var db = database.Open();
        var before = await db.Episodes.Where(e => e.Id == episode).Select(e => new { e.Version, Notes = db.CaseNotes.Count(n => n.EpisodeId == e.Id) }).SingleAsync();
        var history = await db.ChangeRecords.CountAsync();
        var page = $"/episodes/{episode}/notes/new";
        var form = await client.GetStringAsync(page);
        var fields = new Dictionary<string, string>
        {
            ["Date"] = DateTime.Now.ToString("yyyy-MM-dd"), ["Kind"] = "Keywork", ["Text"] = "Outage marker note 7f3a",
            ["__RequestVerificationToken"] = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value,
            ["Version"] = System.Text.RegularExpressions.Regex.Match(form, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value,
        };

        // The connection drops once the note's rows have been written inside the save's transaction, before it commits.
        drops.Arm(1, c => c.CommandText.Contains("INSERT INTO \"CaseNotes\"", StringComparison.Ordinal), afterRunning: true);
        var refused = await client.PostAsync(page, new FormUrlEncodedContent(fields));
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(1, drops.Failed);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Contains("The service could not save this just now", html);
        Assert.Contains("Nothing was saved. Please try again in a minute.", html);
        Assert.Contains("nhsuk-header", html);
        AssertNoStackTrace(html);
        db.ChangeTracker.Clear();
        var after = await db.Episodes.Where(e => e.Id == episode).Select(e => new { e.Version, Notes = db.CaseNotes.Count(n => n.EpisodeId == e.Id) }).SingleAsync();
        Assert.Equal(before, after);
        Assert.False(await db.CaseNotes.AnyAsync(n => n.Text == "Outage marker note 7f3a"));
        Assert.Equal(history, await db.ChangeRecords.CountAsync());
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.Change && e.Outcome == AuditOutcomes.Succeeded
                                                        && e.RecordId == episode.ToString()));

        // The same form, posted again once the database is back, saves the note once.
        var again = await client.PostAsync(page, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(1, await db.CaseNotes.CountAsync(n => n.Text == "Outage marker note 7f3a"));
    }

    [Theory, DatabaseData]
    public async Task APageViewThatMeetsAnUnavailableDatabaseIsTriedAgainAndShownWithOneAuditedView(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var drops = new DroppedConnections();
        var (site, client, episode) = await StartAsync(database, drops);
        await using var _ = site;
        await using var db = database.Open();
        bool IsView(AuditEvent e) => e.Action == AuditActions.View && e.RecordType == AuditedRecordTypes.Episode && e.RecordId == episode.ToString();
        var views = (await db.AuditEvents.ToListAsync()).Count(IsView);

        // The first two attempts lose the connection as they write the view's audit event.
        drops.Arm(2, c => c.CommandText.Contains("INSERT INTO \"AuditEvents\"", StringComparison.Ordinal));
        var response = await client.GetAsync($"/episodes/{episode}");

        Assert.Equal(2, drops.Failed);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(views + 1, (await db.AuditEvents.ToListAsync()).Count(IsView));
    }

    [Theory, DatabaseData]
    public async Task APageViewWhileTheDatabaseStaysAwayGetsATryAgainPageAndProgramsGetProblemDetails(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var drops = new DroppedConnections();
        var (site, client, episode) = await StartAsync(database, drops);
        await using var _ = site;

        drops.Arm(int.MaxValue, _ => true);
        var response = await client.GetAsync($"/episodes/{episode}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.Contains("The service is not available just now", html);
        Assert.Contains("Please try again in a minute.", html);
        AssertNoStackTrace(html);
        Assert.Equal(3, drops.Failed); // tried twice more, then told

        using var program = new HttpRequestMessage(HttpMethod.Get, $"/episodes/{episode}");
        program.Headers.Accept.ParseAdd("application/json");
        var problem = await client.SendAsync(program);
        var body = await problem.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":503", body);
        AssertNoStackTrace(body);
    }

    [Fact]
    public void AClusterConnectionStringIsDescribedByEveryHostAndNeverItsPassword()
    {
        var target = DatabaseTarget.Parse("Host=10.0.0.1:5433,db-b,[::1]:5434;Port=5432;Database=pathway;Username=app;Password=s3cret;Target Session Attributes=primary");
        Assert.Equal("PostgreSQL 10.0.0.1:5433,db-b:5432,[::1]:5434/pathway", target.Description);
        Assert.DoesNotContain("s3cret", target.Description);
    }

    [Fact]
    public void OnlyFailuresToReachTheDatabaseCountAsUnavailable()
    {
        Assert.True(DatabaseFailures.IsUnavailable(new DbUpdateException("save", new NpgsqlException("Exception while reading from stream", new IOException()))));
        Assert.True(DatabaseFailures.IsUnavailable(new NpgsqlException("No suitable host was found.")));
        Assert.True(DatabaseFailures.IsUnavailable(new PostgresException("read-only", "ERROR", "ERROR", "25006")));
        Assert.True(DatabaseFailures.IsUnavailable(new PostgresException("terminating", "FATAL", "FATAL", "57P01")));
        Assert.True(DatabaseFailures.IsUnavailable(new PostgresException("connection failure", "FATAL", "FATAL", "08006")));
        Assert.False(DatabaseFailures.IsUnavailable(new DbUpdateException("save", new PostgresException("duplicate", "ERROR", "ERROR", "23505"))));
        Assert.False(DatabaseFailures.IsUnavailable(new InvalidOperationException("a bug")));
        Assert.False(DatabaseFailures.IsUnavailable(null));
    }
}
