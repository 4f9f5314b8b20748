namespace Pathway.Exchange;

public enum ColumnKind { Text, Date, Flag, Number, Decimal }

public sealed record Column(string Name, ColumnKind Kind, bool Optional = false);

/// <summary>One file of a bundle. Its columns are in the order of exchange-format.md: the order export writes.</summary>
public sealed record BundleFile(string Name, bool Required, IReadOnlyList<Column> Columns)
{
    /// <summary>The staging table of a bulk load mirrors the file: same columns, typed values.</summary>
    public string StageTable => "stage_" + Path.GetFileNameWithoutExtension(Name);
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i].Name == column) return i;
        throw new ArgumentException($"{Name} has no column {column}.");
    }
}

/// <summary>The files and columns of exchange-format.md (version 1, and the two optional files of version 2), in one place.</summary>
public static class BundleFormat
{
    private static Column Text(string name, bool optional = false) => new(name, ColumnKind.Text, optional);
    private static Column Date(string name, bool optional = false) => new(name, ColumnKind.Date, optional);
    private static Column Flag(string name) => new(name, ColumnKind.Flag);
    private static Column Number(string name, bool optional = false) => new(name, ColumnKind.Number, optional);
    private static Column Decimal(string name) => new(name, ColumnKind.Decimal);

    public static readonly BundleFile Clients = new("clients.csv", true,
    [
        Text("client_ref"), Text("initials"), Date("date_of_birth"), Text("sex"), Text("local_authority"),
        Text("postcode_district", optional: true), Text("nhs_number", optional: true), Flag("consent_national_reporting"),
    ]);

    public static readonly BundleFile Episodes = new("episodes.csv", true,
    [
        Text("episode_ref"), Text("client_ref"), Text("provider_code"), Text("pathway"), Date("referral_date"),
        Text("referral_source"), Date("triage_date", optional: true), Text("substance_1"),
        Text("substance_2", optional: true), Text("substance_3", optional: true), Text("injecting_status"),
        Date("discharge_date", optional: true), Text("discharge_reason", optional: true),
    ]);

    public static readonly BundleFile Interventions = new("interventions.csv", true,
    [
        Text("episode_ref"), Text("type"), Text("setting"), Date("start_date"), Date("end_date", optional: true),
    ]);

    public static readonly BundleFile Contacts = new("contacts.csv", false,
    [
        Text("episode_ref"), Date("date"), Text("channel"), Flag("attended"), Text("kind"),
    ]);

    public static readonly string[] ReviewDayCounts =
    [
        "alcohol_days", "opiate_days", "crack_days", "cocaine_days", "amphetamine_days", "cannabis_days", "other_drug_days",
    ];

    public static readonly BundleFile Reviews = new("reviews.csv", false,
    [
        Text("episode_ref"), Date("date"), Text("stage"),
        .. ReviewDayCounts.Select(c => Number(c)),
        Number("alcohol_units_per_drinking_day", optional: true), Number("injected_days"),
        Number("shoplifting_days"), Number("drug_selling_days"), Flag("other_offending"),
        Number("psychological_health"), Number("physical_health"), Number("quality_of_life"),
        Flag("acute_housing_problem"), Flag("housing_at_risk"), Number("paid_work_days"), Number("education_days"),
    ]);

    /// <summary>Version 2. A prescription has a ref of its own, so it is loaded like an episode: upserted by ref.</summary>
    public static readonly BundleFile Prescriptions = new("prescriptions.csv", false,
    [
        Text("prescription_ref"), Text("episode_ref"), Text("medicine"), Decimal("dose_mg"), Number("dose_interval_days"),
        Date("start_date"), Date("end_date", optional: true), Number("supervised_days_per_week"),
        Text("pharmacy_ods_code", optional: true),
    ]);

    /// <summary>Version 2. No ref: an episode's events are replaced as a set, like its interventions.</summary>
    public static readonly BundleFile HarmReduction = new("harm_reduction.csv", false,
    [
        Text("episode_ref"), Date("date"), Text("kind"), Text("result"), Number("quantity"), Text("substance", optional: true),
    ]);

    /// <summary>In load order: a file's references point only at files before it.</summary>
    public static readonly BundleFile[] Files = [Clients, Episodes, Interventions, Contacts, Reviews, Prescriptions, HarmReduction];

    /// <summary>Files whose rows belong to an episode and have no ref of their own: replaced as a set per episode.</summary>
    public static readonly BundleFile[] EpisodeChildren = [Interventions, Contacts, Reviews, HarmReduction];
}
