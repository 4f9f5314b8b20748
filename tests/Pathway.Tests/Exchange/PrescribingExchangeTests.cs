using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Exchange;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Exchange;

/// <summary>
/// exchange-format.md version 2: prescriptions.csv and harm_reduction.csv in load, export and the round trip, on both databases,
/// and every rule of the two files reported as file:line: column: rule.
/// </summary>
public class PrescribingExchangeTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Now);
    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public const string PrescriptionHeader =
        "prescription_ref,episode_ref,medicine,dose_mg,dose_interval_days,start_date,end_date,supervised_days_per_week,pharmacy_ods_code";
    public const string HarmReductionHeader = "episode_ref,date,kind,result,quantity,substance";

    /// <summary>
    /// The test bundle with a titration on E1 (methadone 30 then 40 mg, the first ending the day before the next starts), a
    /// weekly injection, a prescription on E2 still running past today, and one event of each kind on E1.
    /// </summary>
    public static TestBundle Version2()
    {
        var bundle = new TestBundle();
        bundle.Files["prescriptions.csv"] =
        [
            PrescriptionHeader,
            "P2,E1,methadone_oral_solution,40,1,2024-01-24,2024-03-31,7,FX001",
            "P1,E1,methadone_oral_solution,30,1,2024-01-20,2024-01-23,7,FX001",
            "P3,E1,buprenorphine_prolonged_release_injection,96,7,2024-04-01,2024-06-01,0,",
            $"P4,E2,other,2.5,1,{Iso(Today.AddDays(-3))},{Iso(Today.AddDays(11))},3,FX002",
        ];
        bundle.Files["harm_reduction.csv"] =
        [
            HarmReductionHeader,
            "E1,2024-01-20,naloxone_kit,not_applicable,1,",
            "E1,2024-01-20,drug_test,positive,1,heroin",
            "E1,2024-01-20,needle_syringe_pack,not_applicable,10,",
            "E1,2024-02-20,hep_b_vaccination,not_applicable,2,",
            "E1,2024-02-20,hep_c_antibody_test,negative,1,",
            "E1,2024-02-20,hiv_test,declined,1,",
            "E2,2020-03-05,hep_c_rna_test,negative,1,",
            "E1,2024-01-20,naloxone_kit,not_applicable,1,",
        ];
        return bundle;
    }

    private static Task<CliResult> LoadAsync(TestDatabase database, string bundle, string source = "OLD") =>
        Cli.RunAsync("load", bundle, "--source", source, "--db", database.DbArgument);

    private static string TempFolder() => Path.Combine(Path.GetTempPath(), $"pathway-v2-{Guid.NewGuid():N}");

    [Theory, DatabaseData]
    public async Task AVersion2BundleExportsLoadsIntoAnEmptyDatabaseAndExportsAgainByteForByte(DatabaseKind kind)
    {
        await using var first = await TestDatabase.CreateAsync(kind);
        await using var second = await TestDatabase.CreateAsync(kind);
        using var bundle = Version2();
        var one = TempFolder();
        var two = TempFolder();
        try
        {
            var loaded = await LoadAsync(first, bundle.Write());
            Assert.True(loaded.ExitCode == 0, loaded.Out + loaded.Error);
            Assert.Contains("prescriptions.csv: 4 added, 0 changed, 0 unchanged", loaded.Out);
            Assert.Contains("harm_reduction.csv: 8 added, 0 removed, 0 unchanged", loaded.Out);
            Assert.Equal(0, (await Cli.RunAsync("export", one, "--db", first.DbArgument)).ExitCode);
            Assert.Equal(0, (await LoadAsync(second, Path.Combine(one, "OLD"))).ExitCode);
            var exported = await Cli.RunAsync("export", two, "--db", second.DbArgument);
            Assert.Equal("OLD: 2 clients, 2 episodes, 2 interventions, 2 contacts, 1 reviews, 4 prescriptions, 8 harm-reduction events", exported.Out.Trim());

            foreach (var file in BundleFormat.Files.Select(f => f.Name))
            {
                var a = await File.ReadAllBytesAsync(Path.Combine(one, "OLD", file));
                var b = await File.ReadAllBytesAsync(Path.Combine(two, "OLD", file));
                Assert.True(a.AsSpan().SequenceEqual(b), $"{file} differs after the round trip");
            }
            // Rows by prescription_ref, columns in the spec's order, the dose as written to one decimal place at most.
            Assert.Equal(
            [
                PrescriptionHeader,
                "P1,E1,methadone_oral_solution,30,1,2024-01-20,2024-01-23,7,FX001",
                "P2,E1,methadone_oral_solution,40,1,2024-01-24,2024-03-31,7,FX001",
                "P3,E1,buprenorphine_prolonged_release_injection,96,7,2024-04-01,2024-06-01,0,",
                $"P4,E2,other,2.5,1,{Iso(Today.AddDays(-3))},{Iso(Today.AddDays(11))},3,FX002",
            ], await File.ReadAllLinesAsync(Path.Combine(two, "OLD", "prescriptions.csv")));
            // Events by episode_ref, then every field as text (date, kind, result, quantity, substance), as contacts are.
            Assert.Equal(
            [
                HarmReductionHeader,
                "E1,2024-01-20,drug_test,positive,1,heroin",
                "E1,2024-01-20,naloxone_kit,not_applicable,1,",
                "E1,2024-01-20,naloxone_kit,not_applicable,1,",
                "E1,2024-01-20,needle_syringe_pack,not_applicable,10,",
                "E1,2024-02-20,hep_b_vaccination,not_applicable,2,",
                "E1,2024-02-20,hep_c_antibody_test,negative,1,",
                "E1,2024-02-20,hiv_test,declined,1,",
                "E2,2020-03-05,hep_c_rna_test,negative,1,",
            ], await File.ReadAllLinesAsync(Path.Combine(two, "OLD", "harm_reduction.csv")));
        }
        finally
        {
            if (Directory.Exists(one)) Directory.Delete(one, true);
            if (Directory.Exists(two)) Directory.Delete(two, true);
        }
    }

    [Theory, DatabaseData]
    public async Task LoadingTheSameVersion2BundleTwiceChangesNothingAndAChangedDoseUpdatesThePrescriptionInPlace(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var bundle = Version2();
        Assert.Equal(0, (await LoadAsync(database, bundle.Write())).ExitCode);
        Dictionary<string, int> ids;
        await using (var db = database.Open())
            ids = await db.Prescriptions.ToDictionaryAsync(p => p.PrescriptionRef, p => p.Id);

        var again = await LoadAsync(database, bundle.Write());

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("prescriptions.csv: 0 added, 0 changed, 4 unchanged", again.Out);
        Assert.Contains("harm_reduction.csv: 0 added, 0 removed, 8 unchanged", again.Out);
        await using (var db = database.Open())
        {
            Assert.Equal(ids, await db.Prescriptions.ToDictionaryAsync(p => p.PrescriptionRef, p => p.Id));
            Assert.Equal(8, await db.HarmReductionEvents.CountAsync());
        }

        // The titration's second step goes to 45.5 mg, one naloxone kit is left out, and P4 is left out of the bundle.
        bundle.Set("prescriptions.csv", 2, "dose_mg", "45.5");
        bundle.Files["prescriptions.csv"].RemoveAt(4);
        bundle.Files["harm_reduction.csv"].RemoveAt(8);
        var changed = await LoadAsync(database, bundle.Write());

        Assert.True(changed.ExitCode == 0, changed.Out + changed.Error);
        Assert.Contains("prescriptions.csv: 0 added, 1 changed, 2 unchanged, 1 kept (not in this bundle)", changed.Out);
        Assert.Contains("harm_reduction.csv: 0 added, 1 removed, 7 unchanged", changed.Out);
        await using (var db = database.Open())
        {
            var p2 = await db.Prescriptions.SingleAsync(p => p.PrescriptionRef == "P2");
            Assert.Equal(ids["P2"], p2.Id);
            Assert.Equal(45.5m, p2.DoseMg);
            Assert.Equal(4, await db.Prescriptions.CountAsync());
            Assert.Equal(7, await db.HarmReductionEvents.CountAsync());
        }
    }

    [Theory, DatabaseData]
    public async Task AVersion1BundleStillLoadsAndExportsTheTwoNewFilesHeaderOnly(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var bundle = new TestBundle();
        var folder = TempFolder();
        try
        {
            var loaded = await LoadAsync(database, bundle.WriteZip());
            Assert.True(loaded.ExitCode == 0, loaded.Out + loaded.Error);
            Assert.DoesNotContain("prescriptions.csv", loaded.Out);
            Assert.DoesNotContain("harm_reduction.csv", loaded.Out);

            Assert.Equal(0, (await Cli.RunAsync("export", folder, "--db", database.DbArgument)).ExitCode);
            Assert.Equal(PrescriptionHeader + "\n", await File.ReadAllTextAsync(Path.Combine(folder, "OLD", "prescriptions.csv")));
            Assert.Equal(HarmReductionHeader + "\n", await File.ReadAllTextAsync(Path.Combine(folder, "OLD", "harm_reduction.csv")));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }
    }

    [Theory, DatabaseData]
    public async Task EveryBrokenRuleOfTheNewFilesIsReportedAsFileLineColumnRuleAndNothingIsLoaded(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var bundle = Version2();
        bundle.Files["prescriptions.csv"] =
        [
            PrescriptionHeader,
            "P1,E1,methadone_oral_solution,0,1,2024-01-20,2024-01-19,8,fa123",
            "P1,E9,heroin,500.1,7,2024-01-09,,0,FX0011",
            "P3,E1,methadone_oral_solution,30.25,7,2024-01-20,,0,",
            "P4,E1,buprenorphine_prolonged_release_injection,96,14,2024-01-20,,0,",
            "=P5,E1,naltrexone,-50,1,2024/01/20,,seven,",
        ];
        bundle.Files["harm_reduction.csv"] =
        [
            HarmReductionHeader,
            "E1,2024-01-09,naloxone_kit,negative,0,heroin",
            "E9,2024-01-20,drug_test,not_applicable,2,",
            "E1,2024-01-20,hep_b_vaccination,not_applicable,5,",
            "E1,2024-01-20,hiv_test,positive,1,",
            $"E1,{Iso(Today.AddDays(1))},methadone,maybe,100,glue",
        ];

        var result = await LoadAsync(database, bundle.Write());

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
        [
            "harm_reduction.csv:2: date: must not be before the referral date",
            "harm_reduction.csv:2: quantity: must be a whole number from 1 to 99",
            "harm_reduction.csv:2: result: must be not_applicable unless kind is a test",
            "harm_reduction.csv:2: substance: must be empty unless kind is drug_test",
            "harm_reduction.csv:3: episode_ref: is not an episode_ref in episodes.csv",
            "harm_reduction.csv:3: quantity: must be 1 for a test",
            "harm_reduction.csv:3: result: must be positive, negative or declined for a test",
            "harm_reduction.csv:3: substance: is required for drug_test (the substance tested for)",
            "harm_reduction.csv:4: quantity: must be the dose number of the vaccination, 1 to 4",
            "harm_reduction.csv:6: date: must not be in the future",
            "harm_reduction.csv:6: kind: must be one of: naloxone_kit, needle_syringe_pack, drug_test, hep_c_antibody_test, hep_c_rna_test, hep_b_vaccination, hiv_test",
            "harm_reduction.csv:6: quantity: must be a whole number from 1 to 99",
            "harm_reduction.csv:6: result: must be one of: positive, negative, declined, not_applicable",
            "harm_reduction.csv:6: substance: must be one of: heroin, illicit_methadone, illicit_buprenorphine, other_opiate, crack, cocaine, amphetamine, cannabis, benzodiazepine, ketamine, nps, prescribed_medicine, otc_medicine, solvent, other_drug, alcohol",
            "prescriptions.csv:2: dose_mg: must be more than 0 and at most 500 (mg)",
            "prescriptions.csv:2: end_date: must not be before the start date",
            "prescriptions.csv:2: pharmacy_ods_code: must be an ODS code: a capital letter then 4 capital letters or digits, e.g. FA123",
            "prescriptions.csv:2: supervised_days_per_week: must be a whole number from 0 to 7",
            "prescriptions.csv:3: dose_mg: must be more than 0 and at most 500 (mg)",
            "prescriptions.csv:3: episode_ref: is not an episode_ref in episodes.csv",
            "prescriptions.csv:3: medicine: must be one of: methadone_oral_solution, buprenorphine_sublingual, buprenorphine_oral_lyophilisate, buprenorphine_prolonged_release_injection, naltrexone, acamprosate, disulfiram, chlordiazepoxide, other",
            "prescriptions.csv:3: pharmacy_ods_code: must be an ODS code: a capital letter then 4 capital letters or digits, e.g. FA123",
            "prescriptions.csv:3: prescription_ref: is a duplicate of line 2",
            "prescriptions.csv:4: dose_interval_days: may be 7 or 28 only for buprenorphine_prolonged_release_injection",
            "prescriptions.csv:4: dose_mg: must have at most 1 decimal place",
            "prescriptions.csv:5: dose_interval_days: must be 1, 7 or 28",
            "prescriptions.csv:6: dose_mg: must be a number such as 30 or 2.5",
            "prescriptions.csv:6: prescription_ref: must not start with =, +, - or @ (a spreadsheet would read it as a formula)",
            "prescriptions.csv:6: start_date: must be a date as YYYY-MM-DD",
            "prescriptions.csv:6: supervised_days_per_week: must be a whole number from 0 to 7",
        ], result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^[a-z_]+\.csv:\d+: ")).ToList());
        await using var db = database.Open();
        Assert.Equal(0, await db.Episodes.CountAsync());
        Assert.Equal(0, await db.Prescriptions.CountAsync());
    }
}
