using Microsoft.EntityFrameworkCore;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Exchange;

public class NationalExportTests
{
    [Theory, DatabaseData]
    public async Task TheNationalSubmissionWithholdsIdentifiableFieldsOfClientsWithoutConsent(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var bundle = new TestBundle();
        // C1 consents; C2 does not.
        bundle.Set("clients.csv", 3, "postcode_district", "BL9");
        bundle.Set("clients.csv", 3, "nhs_number", "4010232137");
        Assert.Equal(0, (await Cli.RunAsync("load", bundle.Write(), "--source", "OLD", "--db", database.DbArgument)).ExitCode);
        var folder = Path.Combine(Path.GetTempPath(), $"pathway-export-{Guid.NewGuid():N}");
        try
        {
            var full = await Cli.RunAsync("export", Path.Combine(folder, "full"), "--db", database.DbArgument);
            var national = await Cli.RunAsync("export", Path.Combine(folder, "national"), "--national", "--db", database.DbArgument);

            Assert.Equal(0, national.ExitCode);
            Assert.Equal(
            [
                "client_ref,initials,date_of_birth,sex,local_authority,postcode_district,nhs_number,consent_national_reporting",
                "C1,AB,1980-01-01,M,E08000007,SK1,9434765919,Y",
                "C2,,,F,E08000002,,,N",
            ], File.ReadAllLines(Path.Combine(folder, "national", "OLD", "clients.csv")));
            // A transfer of care still carries everything; the episodes of both clients are in both.
            Assert.Contains("C2,CD,2005-06-15,F,E08000002,BL9,4010232137,N", File.ReadAllLines(Path.Combine(folder, "full", "OLD", "clients.csv")));
            Assert.Equal(File.ReadAllText(Path.Combine(folder, "full", "OLD", "episodes.csv")),
                File.ReadAllText(Path.Combine(folder, "national", "OLD", "episodes.csv")));
            Assert.Equal(0, full.ExitCode);

            await using var db = database.Open();
            var exports = await db.AuditEvents.Where(a => a.Action == AuditActions.Export).ToListAsync();
            Assert.Equal(2, exports.Count);
            Assert.All(exports, e =>
            {
                Assert.Equal((AuditedRecordTypes.Source, "OLD"), (e.RecordType, e.RecordId));
                Assert.EndsWith("(command line)", e.UserName);
            });
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }
    }

    [Theory, DatabaseData]
    public async Task EveryLoadIsAuditedAndARefusedOneAsFailed(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var good = new TestBundle();
        using var bad = new TestBundle();
        bad.Set("clients.csv", 2, "sex", "male");

        Assert.Equal(0, (await Cli.RunAsync("load", good.Write(), "--source", "OLD", "--db", database.DbArgument)).ExitCode);
        Assert.Equal(1, (await Cli.RunAsync("load", bad.Write(), "--source", "OLD", "--db", database.DbArgument)).ExitCode);

        await using var db = database.Open();
        var loads = await db.AuditEvents.Where(a => a.RecordType == AuditedRecordTypes.Source).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([(AuditActions.Change, AuditOutcomes.Succeeded), (AuditActions.Change, AuditOutcomes.Failed)],
            loads.Select(a => (a.Action, a.Outcome)));
        Assert.All(loads, a => Assert.Equal("OLD", a.RecordId));
    }
}
