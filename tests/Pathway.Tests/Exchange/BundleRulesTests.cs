using System.Text;
using Pathway.Exchange;

namespace Pathway.Tests.Exchange;

/// <summary>Every rule of exchange-format.md, each with a bundle that breaks it and the exact message.</summary>
public class BundleRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static List<string> Problems(string path)
    {
        using var bundle = Bundle.Open(path);
        return BundleRules.Check(bundle, Today).Report.Sorted().Select(p => p.ToString()).ToList();
    }

    private static List<string> Problems(TestBundle bundle) => Problems(bundle.Write());

    [Fact]
    public void TheTestBundleIsValid()
    {
        using var bundle = new TestBundle();
        Assert.Empty(Problems(bundle));
    }

    [Fact]
    public void TheExampleBundlesAreValid()
    {
        Assert.Empty(Problems(LoadAndExportTests.OldExample));
        Assert.Empty(Problems(LoadAndExportTests.NewExample));
    }

    [Theory]
    [InlineData("clients.csv", 2, "client_ref", "", "clients.csv:2: client_ref: a value is required")]
    [InlineData("clients.csv", 2, "client_ref", "C12345678901234567890123456789012345678901", "clients.csv:2: client_ref: must be at most 40 characters")]
    [InlineData("clients.csv", 2, "initials", "ab", "clients.csv:2: initials: must be 2 capital letters A-Z")]
    [InlineData("clients.csv", 2, "initials", "A", "clients.csv:2: initials: must be 2 capital letters A-Z")]
    [InlineData("clients.csv", 2, "date_of_birth", "01/01/1980", "clients.csv:2: date_of_birth: must be a date as YYYY-MM-DD")]
    [InlineData("clients.csv", 2, "date_of_birth", "1980-02-30", "clients.csv:2: date_of_birth: must be a date as YYYY-MM-DD")]
    [InlineData("clients.csv", 2, "date_of_birth", "2027-01-01", "clients.csv:2: date_of_birth: must not be in the future")]
    [InlineData("clients.csv", 2, "sex", "Q", "clients.csv:2: sex: must be one of: M, F, X, U")]
    [InlineData("clients.csv", 2, "sex", "", "clients.csv:2: sex: a value is required")]
    [InlineData("clients.csv", 2, "local_authority", "W06000001", "clients.csv:2: local_authority: must be an ONS code: E06, E07, E08, E09 or E10 followed by 6 digits")]
    [InlineData("clients.csv", 2, "local_authority", "E1100001", "clients.csv:2: local_authority: must be an ONS code: E06, E07, E08, E09 or E10 followed by 6 digits")]
    [InlineData("clients.csv", 2, "postcode_district", "sk1", "clients.csv:2: postcode_district: must be a postcode district such as SK1")]
    [InlineData("clients.csv", 2, "nhs_number", "943476591", "clients.csv:2: nhs_number: must be 10 digits")]
    [InlineData("clients.csv", 2, "nhs_number", "9434765918", "clients.csv:2: nhs_number: fails the NHS number check digit")]
    [InlineData("clients.csv", 2, "consent_national_reporting", "yes", "clients.csv:2: consent_national_reporting: must be Y or N")]
    [InlineData("clients.csv", 3, "client_ref", "C1", "clients.csv:3: client_ref: is a duplicate of line 2")]
    [InlineData("episodes.csv", 3, "episode_ref", "E1", "episodes.csv:3: episode_ref: is a duplicate of line 2")]
    [InlineData("episodes.csv", 2, "client_ref", "C9", "episodes.csv:2: client_ref: is not a client_ref in clients.csv")]
    [InlineData("episodes.csv", 2, "provider_code", "PROVIDER-CODE-TOO-LONG", "episodes.csv:2: provider_code: must be at most 20 characters")]
    [InlineData("episodes.csv", 2, "pathway", "kids", "episodes.csv:2: pathway: must be one of: adult, young_people")]
    [InlineData("episodes.csv", 2, "referral_date", "", "episodes.csv:2: referral_date: a value is required")]
    [InlineData("episodes.csv", 2, "referral_source", "police", "episodes.csv:2: referral_source: must be one of: self, online_self, gp, pharmacy, hospital, mental_health, social_care, housing, criminal_justice, prison, family, employment, other_treatment_provider, young_people_service, other")]
    [InlineData("episodes.csv", 2, "triage_date", "2024-01-09", "episodes.csv:2: triage_date: must not be before the referral date")]
    [InlineData("episodes.csv", 2, "substance_1", "", "episodes.csv:2: substance_1: a value is required")]
    [InlineData("episodes.csv", 2, "substance_1", "glue", "episodes.csv:2: substance_1: must be one of: heroin, illicit_methadone, illicit_buprenorphine, other_opiate, crack, cocaine, amphetamine, cannabis, benzodiazepine, ketamine, nps, prescribed_medicine, otc_medicine, solvent, other_drug, alcohol")]
    [InlineData("episodes.csv", 2, "substance_2", "heroin", "episodes.csv:2: substance_2: must differ from substance 1")]
    [InlineData("episodes.csv", 2, "substance_3", "crack", "episodes.csv:2: substance_3: must differ from substances 1 and 2")]
    [InlineData("episodes.csv", 2, "injecting_status", "sometimes", "episodes.csv:2: injecting_status: must be one of: never, previously, currently, declined")]
    [InlineData("episodes.csv", 2, "discharge_date", "2024-01-19", "episodes.csv:2: discharge_date: must not be before the triage date")]
    [InlineData("episodes.csv", 2, "discharge_date", "2026-12-01", "episodes.csv:2: discharge_date: must not be in the future")]
    [InlineData("episodes.csv", 2, "discharge_reason", "", "episodes.csv:2: discharge_reason: is required when discharge_date is set")]
    [InlineData("episodes.csv", 2, "discharge_reason", "finished", "episodes.csv:2: discharge_reason: must be one of: completed_drug_free, completed_alcohol_free, completed_occasional_user, transferred_community, transferred_custody, dropped_out, withdrawn_by_provider, retained_in_custody, declined_treatment, onward_referral_refused, died, not_suitable")]
    [InlineData("episodes.csv", 2, "discharge_reason", "completed_occasional_user", "episodes.csv:2: discharge_reason: must not be completed as an occasional user when a substance is an opiate or crack")]
    [InlineData("episodes.csv", 3, "discharge_reason", "dropped_out", "episodes.csv:3: discharge_date: is required when discharge_reason is set")]
    [InlineData("episodes.csv", 3, "pathway", "adult", "episodes.csv:3: pathway: adult needs age 18 or over at referral (the client is 14)")]
    [InlineData("episodes.csv", 2, "pathway", "young_people", "episodes.csv:2: pathway: young_people needs age under 25 at referral (the client is 44)")]
    [InlineData("episodes.csv", 3, "referral_date", "2015-06-14", "episodes.csv:3: referral_date: must give an age at referral of 10 to 110 (it gives 9)")]
    [InlineData("interventions.csv", 2, "episode_ref", "E9", "interventions.csv:2: episode_ref: is not an episode_ref in episodes.csv")]
    [InlineData("interventions.csv", 2, "type", "talking", "interventions.csv:2: type: must be one of: pharmacological, psychosocial, recovery_support, inpatient_withdrawal, residential_rehab, harm_reduction")]
    [InlineData("interventions.csv", 2, "setting", "home", "interventions.csv:2: setting: must be one of: community, primary_care, pharmacy, inpatient, residential, prison, recovery_hub, online")]
    [InlineData("interventions.csv", 2, "start_date", "2024-01-09", "interventions.csv:2: start_date: must not be before the referral date")]
    [InlineData("interventions.csv", 2, "end_date", "2024-01-19", "interventions.csv:2: end_date: must not be before the start date")]
    [InlineData("contacts.csv", 2, "episode_ref", "E9", "contacts.csv:2: episode_ref: is not an episode_ref in episodes.csv")]
    [InlineData("contacts.csv", 2, "date", "2026-11-24", "contacts.csv:2: date: must not be in the future")]
    [InlineData("contacts.csv", 2, "channel", "letter", "contacts.csv:2: channel: must be one of: face_to_face, phone, video, online")]
    [InlineData("contacts.csv", 2, "attended", "y", "contacts.csv:2: attended: must be Y or N")]
    [InlineData("contacts.csv", 2, "kind", "chat", "contacts.csv:2: kind: must be one of: assessment, keywork, group, prescribing, review, peer_support, carer_support, aftercare")]
    [InlineData("reviews.csv", 2, "episode_ref", "E9", "reviews.csv:2: episode_ref: is not an episode_ref in episodes.csv")]
    [InlineData("reviews.csv", 2, "stage", "middle", "reviews.csv:2: stage: must be one of: start, review, exit, post_exit")]
    [InlineData("reviews.csv", 2, "opiate_days", "29", "reviews.csv:2: opiate_days: must be a whole number from 0 to 28")]
    [InlineData("reviews.csv", 2, "education_days", "-1", "reviews.csv:2: education_days: must be a whole number from 0 to 28")]
    [InlineData("reviews.csv", 2, "injected_days", "2.5", "reviews.csv:2: injected_days: must be a whole number from 0 to 28")]
    [InlineData("reviews.csv", 2, "alcohol_units_per_drinking_day", "201", "reviews.csv:2: alcohol_units_per_drinking_day: must be a whole number from 0 to 200")]
    [InlineData("reviews.csv", 2, "quality_of_life", "21", "reviews.csv:2: quality_of_life: must be a whole number from 0 to 20")]
    [InlineData("reviews.csv", 2, "other_offending", "maybe", "reviews.csv:2: other_offending: must be Y or N")]
    [InlineData("reviews.csv", 2, "shoplifting_days", "", "reviews.csv:2: shoplifting_days: a value is required")]
    // Read from the spec (README, "Reading the specs"): refs and provider codes never start like a spreadsheet formula.
    [InlineData("clients.csv", 2, "client_ref", "=1+1", "clients.csv:2: client_ref: must not start with =, +, - or @ (a spreadsheet would read it as a formula)")]
    [InlineData("clients.csv", 2, "client_ref", "+C1", "clients.csv:2: client_ref: must not start with =, +, - or @ (a spreadsheet would read it as a formula)")]
    [InlineData("clients.csv", 2, "client_ref", "-C1", "clients.csv:2: client_ref: must not start with =, +, - or @ (a spreadsheet would read it as a formula)")]
    [InlineData("episodes.csv", 2, "episode_ref", "@SUM(A1)", "episodes.csv:2: episode_ref: must not start with =, +, - or @ (a spreadsheet would read it as a formula)")]
    [InlineData("episodes.csv", 2, "provider_code", "=OLDCO", "episodes.csv:2: provider_code: must not start with =, +, - or @ (a spreadsheet would read it as a formula)")]
    // Rules the case-work forms kept and the loader now keeps too (README, "Reading the specs").
    [InlineData("episodes.csv", 3, "substance_3", "alcohol", "episodes.csv:3: substance_3: needs substance 2 first")]
    [InlineData("contacts.csv", 2, "date", "2024-01-09", "contacts.csv:2: date: must not be before the referral date")]
    [InlineData("reviews.csv", 2, "date", "2024-01-09", "reviews.csv:2: date: must not be before the referral date")]
    [InlineData("reviews.csv", 2, "stage", "post_exit", "reviews.csv:2: stage: must not be post-exit unless the episode was discharged on or before the review's date")]
    public void EachBrokenRuleIsReportedAsFileLineColumnRule(string file, int line, string column, string value, string expected)
    {
        using var bundle = new TestBundle();
        bundle.Set(file, line, column, value);

        Assert.Contains(expected, Problems(bundle));
    }

    [Fact]
    public void AnEpisodeHasAtMostOneStartReview()
    {
        using var bundle = new TestBundle();
        bundle.Add("reviews.csv", "E1,2024-02-20,start,0,20,5,0,0,0,0,,10,0,0,N,10,10,10,N,N,0,0");

        Assert.Equal(["reviews.csv:3: stage: must not be start: the episode already has a start review (on line 2)"], Problems(bundle));
    }

    [Fact]
    public void UnknownAndMissingColumnsAreReportedOnTheHeader()
    {
        using var bundle = new TestBundle();
        bundle.Files["clients.csv"] = bundle.Files["clients.csv"].Select(l => l.Replace(",M,", ",").Replace(",F,", ",").Replace(",sex,", ",") + ",x").ToList();
        bundle.Files["clients.csv"][0] = bundle.Files["clients.csv"][0][..^2] + ",Colour";

        Assert.Equal(["clients.csv:1: Colour: unknown column", "clients.csv:1: sex: required column is missing"], Problems(bundle));
    }

    [Fact]
    public void AQuoteLeftOpenInTheHeaderIsReportedOnceNotAsAColumnNamedAfterTheWholeFile()
    {
        using var bundle = new TestBundle();
        bundle.Files["interventions.csv"][0] = "episode_ref,type,\"setting,start_date,end_date";

        Assert.Equal(["interventions.csv:1: (file): the header row has a quote mark that is not closed"], Problems(bundle));
    }

    [Fact]
    public void AVeryLongUnknownColumnNameIsShortenedInTheReport()
    {
        using var bundle = new TestBundle();
        bundle.Files["contacts.csv"][0] += "," + new string('z', 500);
        bundle.Files["contacts.csv"] = bundle.Files["contacts.csv"].Select((l, i) => i == 0 ? l : l + ",").ToList();

        Assert.Equal([$"contacts.csv:1: {new string('z', 40)}…: unknown column"], Problems(bundle));
    }

    [Fact]
    public void ColumnNamesMatchWhateverTheirCaseAndOrderAndOptionalColumnsMayBeLeftOut()
    {
        using var bundle = new TestBundle();
        bundle.Files["interventions.csv"] = ["EPISODE_REF,Start_Date,type,setting", "E1,2024-01-20,pharmacological,community"];

        Assert.Empty(Problems(bundle));
    }

    [Fact]
    public void AColumnGivenTwiceIsReported()
    {
        using var bundle = new TestBundle();
        bundle.Files["contacts.csv"] = ["episode_ref,date,channel,attended,kind,kind", "E1,2024-01-20,phone,Y,keywork,keywork"];

        Assert.Equal(["contacts.csv:1: kind: column appears more than once"], Problems(bundle));
    }

    [Fact]
    public void MissingRequiredFilesAreReportedAndOptionalOnesMayBeLeftOut()
    {
        using var bundle = new TestBundle();
        var zip = bundle.WriteZip("interventions.csv", "contacts.csv", "reviews.csv");

        Assert.Equal(["interventions.csv:1: (file): required file is missing from the bundle"], Problems(zip));
    }

    [Fact]
    public void AZipWithoutEpisodesIsReportedWithoutAFloodOfReferenceProblems()
    {
        using var bundle = new TestBundle();
        var zip = bundle.WriteZip("episodes.csv");

        Assert.Equal(["episodes.csv:1: (file): required file is missing from the bundle"], Problems(zip));
    }

    [Fact]
    public void AnEmptyFileIsReported()
    {
        using var bundle = new TestBundle();
        bundle.Files["contacts.csv"] = [];

        Assert.Equal(["contacts.csv:1: (file): is empty; it needs at least a header row"], Problems(bundle));
    }

    [Fact]
    public void AFileThatIsNotUtf8IsReportedAtTheCellWithTheBadBytes()
    {
        using var bundle = new TestBundle();
        var folder = bundle.Write();
        var latin1 = Encoding.Latin1.GetBytes("client_ref,initials,date_of_birth,sex,local_authority,consent_national_reporting\nC1,AB,1980-01-01,M,E08000007,Y\nC2,CD,2005-06-15,F,E08000002,N\nC\u00e93,EF,1990-01-01,M,E08000002,N\n");
        File.WriteAllBytes(Path.Combine(folder, "clients.csv"), latin1);

        Assert.Equal(["clients.csv:4: client_ref: is not valid UTF-8 text; save the file as CSV UTF-8"], Problems(folder));
    }

    [Fact]
    public void AUtf16FileIsReportedAsNotUtf8()
    {
        using var bundle = new TestBundle();
        var folder = bundle.Write();
        File.WriteAllText(Path.Combine(folder, "contacts.csv"), string.Join('\n', bundle.Files["contacts.csv"]), Encoding.Unicode);

        Assert.Equal(["contacts.csv:1: (file): is not UTF-8 text; save it as CSV UTF-8"], Problems(folder));
    }

    [Fact]
    public void AUtf8ByteOrderMarkIsAccepted()
    {
        using var bundle = new TestBundle();
        var folder = bundle.Write();
        File.WriteAllText(Path.Combine(folder, "contacts.csv"), string.Join('\n', bundle.Files["contacts.csv"]), new UTF8Encoding(true));

        Assert.Empty(Problems(folder));
    }

    [Fact]
    public void AFileCutShortInTheLastRowLooksTruncated()
    {
        using var bundle = new TestBundle();
        var folder = bundle.Write();
        var path = Path.Combine(folder, "episodes.csv");
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text[..text.IndexOf("2020-03-01", StringComparison.Ordinal)]);

        Assert.Equal(["episodes.csv:3: (row): has 5 fields but the header has 13; the file looks truncated"],
            Problems(folder).Where(p => p.StartsWith("episodes.csv", StringComparison.Ordinal)));
    }

    [Fact]
    public void AFileEndingInsideAQuotedFieldLooksTruncated()
    {
        using var bundle = new TestBundle();
        bundle.Add("contacts.csv", "E1,2024-01-21,phone,Y,\"keyw");

        Assert.Equal(["contacts.csv:4: (row): ends inside a quoted field; the file looks truncated"], Problems(bundle));
    }

    [Fact]
    public void ARowOfTheWrongWidthInTheMiddleIsReportedWithoutCallingTheFileTruncated()
    {
        using var bundle = new TestBundle();
        bundle.Files["contacts.csv"].Insert(2, "E1,2024-01-21,phone");

        Assert.Equal(["contacts.csv:3: (row): has 3 fields but the header has 5"], Problems(bundle));
    }

    [Fact]
    public void LineNumbersCountLinesInsideQuotedFieldsAsASpreadsheetDoes()
    {
        using var bundle = new TestBundle();
        bundle.Files["interventions.csv"] =
        [
            "episode_ref,type,setting,start_date,end_date",
            "\"E1\",pharmacological,\"community\",2024-01-20,2024-06-01",
            "",
            "E2,\"psycho\nsocial\",community,2020-03-05,",
            "E2,psychosocial,community,2020-02-28,",
        ];

        Assert.Equal(
        [
            "interventions.csv:4: type: must be one of: pharmacological, psychosocial, recovery_support, inpatient_withdrawal, residential_rehab, harm_reduction",
            "interventions.csv:6: start_date: must not be before the referral date",
        ], Problems(bundle));
    }

    [Fact]
    public void FiftyScatteredErrorsAreAllReportedSorted()
    {
        using var bundle = new TestBundle();
        for (var i = 3; i <= 60; i++)
        {
            bundle.Add("clients.csv", $"K{i},EF,1990-01-01,M,E08000007,,,Y");
            bundle.Add("episodes.csv", $"F{i},K{i},OLDCO,adult,2024-02-01,gp,,alcohol,,,never,,");
            bundle.Add("contacts.csv", $"F{i},2024-02-02,phone,Y,keywork");
        }
        var expected = new List<string>();
        for (var n = 0; n < 50; n++)
        {
            var line = 4 + n; // rows of K3.. and F3.. start on line 4
            switch (n % 5)
            {
                case 0: bundle.Set("clients.csv", line, "sex", "male"); expected.Add($"clients.csv:{line}: sex: must be one of: M, F, X, U"); break;
                case 1: bundle.Set("episodes.csv", line, "triage_date", "2024-01-01"); expected.Add($"episodes.csv:{line}: triage_date: must not be before the referral date"); break;
                case 2: bundle.Set("contacts.csv", line, "attended", "yes"); expected.Add($"contacts.csv:{line}: attended: must be Y or N"); break;
                case 3: bundle.Set("episodes.csv", line, "discharge_date", "2024-03-01"); expected.Add($"episodes.csv:{line}: discharge_reason: is required when discharge_date is set"); break;
                case 4: bundle.Set("clients.csv", line, "nhs_number", "1234567890"); expected.Add($"clients.csv:{line}: nhs_number: fails the NHS number check digit"); break;
            }
        }

        var problems = Problems(bundle);

        Assert.Equal(50, problems.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal).OrderBy(p => p.Split(':')[0], StringComparer.Ordinal)
            .ThenBy(p => int.Parse(p.Split(':')[1])), problems);
    }
}
