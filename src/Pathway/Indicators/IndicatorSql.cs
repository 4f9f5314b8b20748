using System.Data.Common;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Indicators;

/// <summary>
/// The SQL every indicator is built on, for both databases. Indicators run set-based in the database as
/// hand-written SQL on a plain connection (EF Core's, or the CLI report's own): the definitions need window functions
/// and per-person "latest" rules that read more plainly in SQL than in LINQ, and the same text runs on SQLite and
/// PostgreSQL apart from the date arithmetic, collation and one planner hint kept here.
/// </summary>
public sealed class IndicatorSql(DatabaseKind kind, IndicatorQuery query)
{
    public IndicatorQuery Query { get; } = query;
    public bool Postgres => kind == DatabaseKind.Postgres;

    /// <summary>
    /// indicators.md "As-of date", field by field, as CTEs every indicator starts from:
    /// <c>asof_episodes</c> (every provider: re-presentation looks everywhere), <c>selected</c> (the selection)
    /// and <c>adult</c> (the selection's adult pathway). Episodes referred after as-of do not exist; a triage
    /// or discharge after it is blanked, so the episode is untriaged or open.
    /// </summary>
    public string EpisodesAsOf()
    {
        var (join, test) = Selection("a");
        var filter = test is null ? "" : " WHERE " + test;
        return $"""
            WITH asof_episodes AS NOT MATERIALIZED (
              SELECT e."Id" AS id, e."PersonId" AS person, e."ClientRecordId" AS client, e."ProviderCode" AS provider,
                     e."Pathway" AS pathway, e."EpisodeRef" AS ref, e."Source" AS src, e."ReferralDate" AS referral, e."ReferralSource" AS source,
                     e."Substance1" AS s1, e."Substance2" AS s2, e."Substance3" AS s3,
                     CASE WHEN e."TriageDate" <= @asof THEN e."TriageDate" END AS triage,
                     CASE WHEN e."DischargeDate" <= @asof THEN e."DischargeDate" END AS discharge,
                     CASE WHEN e."DischargeDate" <= @asof THEN e."DischargeReason" END AS reason
              FROM "Episodes" e
              WHERE {NoIndex("e.\"ReferralDate\"")} <= @asof
            ),
            selected AS NOT MATERIALIZED (SELECT a.* FROM asof_episodes a{join}{filter}),
            adult AS NOT MATERIALIZED (SELECT * FROM selected WHERE pathway = '{Codes<CarePathway>.Code(CarePathway.Adult)}'),
            young AS NOT MATERIALIZED (SELECT * FROM selected WHERE pathway = '{Codes<CarePathway>.Code(CarePathway.YoungPeople)}')
            """;
    }

    /// <summary>
    /// indicators.md "Selection" over rows of <c>asof_episodes</c> aliased <paramref name="alias"/>: the join it needs (to the
    /// client record, for a local authority) and the test, null when everything is selected. <c>selected</c> filters by it;
    /// journeys, which are built at every provider, carry it as a flag instead (<see cref="Journeys"/>).
    /// </summary>
    public (string Join, string? Test) Selection(string alias)
    {
        var where = new List<string>();
        var join = "";
        if (Query.Provider is not null) where.Add($"{alias}.provider = @provider");
        if (Query.LocalAuthority is not null)
        {
            join = $" JOIN \"ClientRecords\" c ON c.\"Id\" = {alias}.client";
            where.Add("c.\"LocalAuthorityCode\" = @la");
        }
        return (join, where.Count == 0 ? null : string.Join(" AND ", where));
    }

    /// <summary>indicators.md "Episode in treatment on day d", for at least one day of the period.</summary>
    public static string InTreatmentInPeriod(string alias) =>
        $"{alias}.triage IS NOT NULL AND {alias}.triage <= @to AND ({alias}.discharge IS NULL OR {alias}.discharge >= @from)";

    /// <summary>
    /// indicators.md "Substance group of an episode" as a SQL expression over s1–s3, generated from
    /// <see cref="Substances"/> so the code lists are not retyped (Substances.GroupOf is the same rule in C#).
    /// </summary>
    public static string SubstanceGroupOf(string alias)
    {
        var opiates = InList(Enum.GetValues<Substance>().Where(Substances.IsOpiate).Select(Codes<Substance>.Code));
        var alcohol = Literal(Codes<Substance>.Code(Substance.Alcohol));
        string Any(string test) => $"({alias}.s1 {test} OR {alias}.s2 {test} OR {alias}.s3 {test})";
        return $"""
            CASE WHEN {Any("IN " + opiates)} THEN {Literal(Codes<SubstanceGroup>.Code(SubstanceGroup.Opiate))}
                 WHEN {Any("= " + alcohol)} AND ({alias}.s2 IS NOT NULL OR {alias}.s3 IS NOT NULL) THEN {Literal(Codes<SubstanceGroup>.Code(SubstanceGroup.NonOpiateAndAlcohol))}
                 WHEN {Any("= " + alcohol)} THEN {Literal(Codes<SubstanceGroup>.Code(SubstanceGroup.AlcoholOnly))}
                 ELSE {Literal(Codes<SubstanceGroup>.Code(SubstanceGroup.NonOpiateOnly))} END
            """;
    }

    /// <summary>
    /// indicators.md "Six months after date d": same day number six calendar months later, clamped to the
    /// month's end. PostgreSQL's interval arithmetic clamps; SQLite's does not (31 Aug + 6 months is 3 March),
    /// so there it is the earlier of that and the last day of the sixth month.
    /// </summary>
    public string SixMonthsAfter(string date) => Postgres
        ? $"CAST({date} + INTERVAL '6 months' AS date)"
        : $"min(date({date}, '+6 months'), date({date}, 'start of month', '+7 months', '-1 day'))";

    public string DaysBetween(string later, string earlier) => Postgres
        ? $"({later} - {earlier})"
        : $"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)";

    public string AddDays(string date, int days) => Postgres
        ? $"({date} + {days})"
        : $"date({date}, '{days:+0;-0} days')";

    /// <summary>
    /// The number of days from 0001-01-01 to <paramref name="date"/>, an integer that orders as the dates do, for keys that pack a
    /// date with tie-breakers into one number (<see cref="Journeys"/>). SQLite holds dates as text; its julian day of a date is
    /// a whole number plus one half, so the difference is exact.
    /// </summary>
    public string DayNumber(string date) => Postgres
        ? $"({date} - DATE '0001-01-01')"
        : $"CAST(julianday({date}) - 1721425.5 AS INTEGER)";

    /// <summary>The date <paramref name="days"/> days after 0001-01-01: the inverse of <see cref="DayNumber"/> (null stays null).</summary>
    public string DateOfDay(string days) => Postgres
        ? $"(DATE '0001-01-01' + CAST({days} AS integer))"
        : $"date(1721425.5 + ({days}))";

    /// <summary>
    /// Keeps SQLite from reading a table through an index on this column (the unary plus is its documented way):
    /// without statistics it takes any range as selective, but the as-of date usually admits almost every
    /// episode, and reading 400,000 rows through an index is far slower than reading the table. PostgreSQL plans
    /// from statistics and needs no hint.
    /// </summary>
    public string NoIndex(string column) => Postgres ? column : "+" + column;

    /// <summary>A date-typed NULL: PostgreSQL types a UNION's columns pairwise and would take two bare NULLs for text.</summary>
    public string NullDate => Postgres ? "CAST(NULL AS date)" : "NULL";

    /// <summary>Ordinal string order for the tie rules, whatever the PostgreSQL database's collation.</summary>
    public string Ordinal(string expression) => Postgres ? $"{expression} COLLATE \"C\"" : expression;

    public static string Literal(string code) => $"'{code.Replace("'", "''")}'";

    public static string InList(IEnumerable<string> codes) => "(" + string.Join(", ", codes.Select(Literal)) + ")";

    /// <summary>Runs one indicator query and hands each row to <paramref name="read"/>.</summary>
    public async Task ReadAsync(IndicatorConnection db, string sql, Action<DbDataReader> read, CancellationToken cancel)
    {
        await using var command = await CommandAsync(db, sql, cancel);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel)) read(reader);
    }

    /// <summary>Runs one statement (with the query's parameters) on the indicators' connection and transaction.</summary>
    public async Task ExecuteAsync(IndicatorConnection db, string sql, CancellationToken cancel)
    {
        await using var command = await CommandAsync(db, sql, cancel);
        await command.ExecuteNonQueryAsync(cancel);
    }

    /// <summary>
    /// A command on the indicators' connection, which <see cref="IndicatorEngine"/> keeps open (so temporary tables made by one
    /// statement are there for the next), in its transaction when there is one (the engine runs a report's queries in one).
    /// </summary>
    private async Task<DbCommand> CommandAsync(IndicatorConnection db, string sql, CancellationToken cancel)
    {
        var command = db.Connection.CreateCommand();
        command.Transaction = db.Transaction;
        if (!Postgres)
        {
            // Each indicator passes over whole tables; SQLite's default 2 MB page cache would re-read the file for every pass.
            command.CommandText = "PRAGMA cache_size = -65536";
            await command.ExecuteNonQueryAsync(cancel);
        }
        command.CommandText = sql;
        command.CommandTimeout = 600;
        Add(command, "from", Query.From);
        Add(command, "to", Query.To);
        Add(command, "asof", Query.AsOf);
        if (Query.Provider is not null) Add(command, "provider", Query.Provider);
        if (Query.LocalAuthority is not null) Add(command, "la", Query.LocalAuthority);
        return command;
    }

    private void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        // SQLite holds dates as 'yyyy-MM-dd' text (see the migrations), so it compares against the same text.
        parameter.Value = value is DateOnly d && !Postgres ? d.ToString("yyyy-MM-dd") : value;
        command.Parameters.Add(parameter);
    }

    public static long Long(DbDataReader reader, int column) => reader.IsDBNull(column) ? 0 : Convert.ToInt64(reader.GetValue(column));
}

/// <summary>The open connection the indicators read, and the transaction in force on it, if any.</summary>
public sealed record IndicatorConnection(DbConnection Connection, DbTransaction? Transaction);
