// The DuckDB reference of `bench/run report` (issue 16): the one-year report's headline figures of indicators.md version 2
// (adults in treatment, total and per substance group; new presentations; completions per family), computed by DuckDB
// from the bundle's CSV files with its own reading of the spec (reference.sql), so `pathway report` has an analytical
// engine's time over the same data to be measured against:
//   DuckDbReference BUNDLE_DIR FROM TO AS_OF RUNS        e.g. DuckDbReference /tmp/bundle 2019-04-01 2020-03-31 2021-03-31 5
// Loads the CSV files into an in-memory database first (not timed; its time goes to standard error), then runs the
// reference query RUNS+1 times, the first a warm-up: one line per timed run on standard output (seconds), and on standard
// error the figures, one a line: "figure ID NUMERATOR DENOMINATOR VALUE PROVISIONAL" ("-" where a figure has none), the
// shape bench/report.sh compares with the report's JSON.
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using DuckDB.NET.Data;

if (args.Length != 5 || !Directory.Exists(args[0]) || !TryDate(args[1], out var from) || !TryDate(args[2], out var to)
    || !TryDate(args[3], out var asOf) || !int.TryParse(args[4], NumberStyles.None, CultureInfo.InvariantCulture, out var runs) || runs < 1)
{
    Console.Error.WriteLine("usage: DuckDbReference BUNDLE_DIR FROM TO AS_OF RUNS   (dates yyyy-MM-dd, RUNS at least 1)");
    return 2;
}
var bundle = Path.GetFullPath(args[0]);
// read_csv below names the columns in the order bench/BundleGenerator writes them; the exchange format lets a bundle order
// them freely, so a header in another order is refused rather than read into the wrong columns.
(string File, string Header)[] files =
[
    ("clients.csv", "client_ref,initials,date_of_birth,sex,local_authority,postcode_district,nhs_number,consent_national_reporting"),
    ("episodes.csv", "episode_ref,client_ref,provider_code,pathway,referral_date,referral_source,triage_date,substance_1,substance_2,substance_3,injecting_status,discharge_date,discharge_reason"),
    ("interventions.csv", "episode_ref,type,setting,start_date,end_date"),
    ("prescriptions.csv", "prescription_ref,episode_ref,medicine,dose_mg,dose_interval_days,start_date,end_date,supervised_days_per_week,pharmacy_ods_code"),
];
foreach (var (file, header) in files)
{
    var path = Path.Combine(bundle, file);
    if (!File.Exists(path))
    {
        Console.Error.WriteLine($"The bundle folder {bundle} has no {file}.");
        return 1;
    }
    using var head = new StreamReader(path);
    if (head.ReadLine()?.TrimStart('\uFEFF') != header)
    {
        Console.Error.WriteLine($"{file} does not start with the header this reference reads ({header}).");
        return 1;
    }
}

string Literal(DateOnly d) => $"DATE '{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";
string Csv(string file) => "'" + Path.Combine(bundle, file).Replace("'", "''") + "'";
string query;
using (var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("reference.sql")!)
using (var reader = new StreamReader(stream))
    query = reader.ReadToEnd().Replace("$from", Literal(from)).Replace("$to", Literal(to)).Replace("$asof", Literal(asOf));

try
{
    using var connection = new DuckDBConnection("DataSource=:memory:");
    connection.Open();
    void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
    // Each file in a statement of its own, so a file DuckDB cannot read is named.
    void Load(string file, string table, string columns)
    {
        try
        {
            Execute($"CREATE TABLE {table} AS SELECT * FROM read_csv({Csv(file)}, header = true, auto_detect = false, columns = {{{columns}}})");
        }
        catch (DuckDBException e)
        {
            throw new InvalidDataException($"DuckDB could not read {file}: {FirstLine(e.Message)}", e);
        }
    }

    // The files as the exchange format defines them (exchange-format.md), every column named and typed; an empty cell is null.
    var load = Stopwatch.StartNew();
    Load("clients.csv", "clients", """
        'client_ref': 'VARCHAR', 'initials': 'VARCHAR', 'date_of_birth': 'DATE', 'sex': 'VARCHAR', 'local_authority': 'VARCHAR',
        'postcode_district': 'VARCHAR', 'nhs_number': 'VARCHAR', 'consent_national_reporting': 'VARCHAR'
        """);
    Load("episodes.csv", "episodes", """
        'episode_ref': 'VARCHAR', 'client_ref': 'VARCHAR', 'provider_code': 'VARCHAR', 'pathway': 'VARCHAR',
        'referral_date': 'DATE', 'referral_source': 'VARCHAR', 'triage_date': 'DATE', 'substance_1': 'VARCHAR',
        'substance_2': 'VARCHAR', 'substance_3': 'VARCHAR', 'injecting_status': 'VARCHAR', 'discharge_date': 'DATE',
        'discharge_reason': 'VARCHAR'
        """);
    Load("interventions.csv", "interventions", """
        'episode_ref': 'VARCHAR', 'type': 'VARCHAR', 'setting': 'VARCHAR', 'start_date': 'DATE', 'end_date': 'DATE'
        """);
    Load("prescriptions.csv", "prescriptions", """
        'prescription_ref': 'VARCHAR', 'episode_ref': 'VARCHAR', 'medicine': 'VARCHAR', 'dose_mg': 'DECIMAL(10,3)',
        'dose_interval_days': 'INTEGER', 'start_date': 'DATE', 'end_date': 'DATE', 'supervised_days_per_week': 'INTEGER',
        'pharmacy_ods_code': 'VARCHAR'
        """);
    Console.Error.WriteLine($"loaded the bundle's CSV files into DuckDB in {load.Elapsed.TotalSeconds:F3} s (not timed)");

    List<string> figures = [];
    for (var i = 0; i <= runs; i++)
    {
        var clock = Stopwatch.StartNew();
        var rows = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = query;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                string Value(int column) => reader.IsDBNull(column) ? "-" : Convert.ToString(reader.GetValue(column), CultureInfo.InvariantCulture)!;
                var value = Value(3);
                if (value == "-" && !reader.IsDBNull(2))
                    value = Percent(Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture));
                var provisional = reader.IsDBNull(4) ? "-" : reader.GetBoolean(4) ? "true" : "false";
                rows.Add($"figure {reader.GetString(0)} {Value(1)} {Value(2)} {value} {provisional}");
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        if (i > 0) Console.WriteLine(seconds.ToString("F3", CultureInfo.InvariantCulture));
        else Console.Error.WriteLine($"warm-up run {seconds:F3} s (not counted)");
        figures = rows;
    }
    foreach (var figure in figures) Console.Error.WriteLine(figure);
    return 0;
}
catch (InvalidDataException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
catch (DuckDBException e)
{
    Console.Error.WriteLine($"DuckDB could not run the reference query: {FirstLine(e.Message)}");
    return 1;
}

// DuckDB's messages go on to quote the offending line of the file; the first line says what is wrong.
static string FirstLine(string message) => message.ReplaceLineEndings("\n").Split('\n')[0];

static bool TryDate(string text, out DateOnly date) =>
    DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

// As the report writes a rate (IndicatorQuery.cs's Percent): a percentage to 1 decimal, halves away from zero, always with
// its decimal; none for an empty denominator.
static string Percent(long numerator, long denominator) => denominator == 0 ? "-"
    : (Math.Round(100m * numerator / denominator, 1, MidpointRounding.AwayFromZero) + 0.0m).ToString("0.0", CultureInfo.InvariantCulture);
