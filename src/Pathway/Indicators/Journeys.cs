using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Indicators;

/// <summary>
/// indicators.md version 2 "Journeys", the one place they are built: a person's adult episodes (as of the as-of date,
/// at every provider, whatever the selection) joined while the next is referred no more than 21 days after the latest
/// discharge so far, or while any is still open. Set-based: the "open until" fold is a running MAX over the preceding
/// episodes and journey numbers a running SUM of the starts, so nothing is folded row by row outside the database.
/// </summary>
public static class Journeys
{
    /// <summary>A referral more than this many days after "open until" starts a new journey.</summary>
    public const int GapDays = 21;

    /// <summary>
    /// The step of <see cref="Cte"/>'s fold for one referral, for pages that follow a handful of people (the transition
    /// check): it continues the journey while an earlier episode is open, or when it is no more than <see cref="GapDays"/>
    /// days after the latest discharge so far.
    /// </summary>
    public static bool Continues(bool anyOpen, DateOnly? openUntil, DateOnly referral) =>
        anyOpen || openUntil is { } until && referral <= until.AddDays(GapDays);

    // Keys: several facts packed into one integer whose order is the order a rule needs, so a MAX or MIN picks the row the
    // rule picks, without a sort of its own. Day numbers count from 0001-01-01 (IndicatorSql.DayNumber, < 2^20 until the year
    // 2871); ref_rank and seq are a person's rank of an episode (< 2^20).
    private const long Rank = 1L << 20;
    /// <summary>An episode's exit key: (discharge day, ref_rank) then a successful-completion bit and an in-selection bit.</summary>
    private const long ExitDay = Rank * 4;
    /// <summary>An episode's start key: (triage day, seq) then an in-selection bit.</summary>
    private const long StartDay = Rank * 2;
    /// <summary>The exit key of an episode still open: above every discharged episode's, so a MAX says "open" when any is.</summary>
    private const long Open = 1L << 42;

    /// <summary>
    /// CTEs after <see cref="IndicatorSql.EpisodesAsOf"/> and, when <paramref name="restricted"/>, <c>person_period</c>
    /// (<see cref="InTreatment.PersonPeriod"/>, the period's people, <c>person</c>), ending in <c>person_journeys</c>, one row
    /// per person of those, or of everyone (from their adult episodes as of the as-of date, at every provider, whatever the
    /// selection), with:
    /// <list type="bullet">
    /// <item><c>group_key</c>: indicators.md "Substance group of a person in a period", their latest-triaged episode of the
    /// selection in treatment in the period (ties: the latest episode_ref, then source name, ordinal), its group
    /// (<see cref="GroupCode"/>) in the lowest two bits; null for a person with none.</item>
    /// <item><c>exit_journey</c>: the latest journey exit within the period among journeys whose exit episode is in the
    /// selection (ties: the latest exit episode_ref, then source name, ordinal), as <c>exit key × 2^20 + journey</c>
    /// (<see cref="ExitDate"/>, <see cref="ExitSuccessful"/>); null when none.</item>
    /// <item><c>start_key</c>: the earliest journey starting in the period from an episode in the selection, as
    /// <c>(start day × 2^20 + its exit day + 1, or 0 while it has none) × 2 + its exit is a successful completion</c>.</item>
    /// </list>
    /// The journeys themselves are <see cref="Marks"/>'s window passes; a journey's exit (its MAX exit key, open when any
    /// episode is) and start (its MIN start key) are a GROUP BY of the journey, the person's figures a GROUP BY of the person.
    /// Nothing is folded row by row outside the database.
    /// Every figure that reads journeys is about the period's people (<c>group_key</c> not null), since a journey starting in
    /// the period from an episode of the selection makes that episode in treatment in the period. When
    /// <paramref name="restricted"/> the journeys are built for them only, so a quarter's figures for one council sort a few
    /// thousand people's episodes rather than the whole country's; a report of everything builds everyone's in the same
    /// single pass, without first finding the period's people.
    /// </summary>
    public static string Cte(IndicatorSql sql, bool restricted)
    {
        var (join, _) = sql.Selection("a");
        var from = sql.DayNumber("@from");
        var to = sql.DayNumber("@to");
        // A person's figures from their journeys' keys (j: person, journey, exit_key, start_key, group_key), one journey at a
        // time: the aggregate of these over a person's journeys is theirs.
        var exitJourney = $"""
            CASE WHEN j.exit_key < {Big(Open)} AND j.exit_key % 2 = 1
                  AND j.exit_key / {ExitDay} >= {from} AND j.exit_key / {ExitDay} <= {to} THEN j.exit_key * {Rank} + j.journey END
            """;
        var startKey = $"""
            CASE WHEN j.start_key % 2 = 1 AND j.start_key / {StartDay} >= {from} AND j.start_key / {StartDay} <= {to}
                 THEN ((j.start_key / {StartDay}) * {Big(Rank)} + CASE WHEN j.exit_key < {Big(Open)} THEN j.exit_key / {ExitDay} + 1 ELSE 0 END) * 2
                      + CASE WHEN j.exit_key < {Big(Open)} THEN j.exit_key / 2 % 2 ELSE 0 END END
            """;
        // Most people have one episode in all, hence one journey of one episode, whose keys need no ranking or journey order.
        // On SQLite, which sorts again at every window level, only the others' episodes go through the sorts (who has more
        // than one is read from the (PersonId, TriageDate) index alone): at 300,000 people, in alternating runs on a noisy
        // machine, the report took 8.8–11.9 s against 11.5–14.7 s. PostgreSQL, which reads each person's episodes from that
        // index already in person order, measured slower split (6.6 s against 6.1 s) and builds everyone's journeys the one
        // way; so does a restricted report, whose few people's episodes are soon sorted, where finding everyone with more than
        // one would cost more. Either way the keys are the same expressions.
        var split = !sql.Postgres && !restricted;
        var several = $"""{sql.NoIndex("a.person")} IN (SELECT x."PersonId" FROM "Episodes" x GROUP BY x."PersonId" HAVING COUNT(*) > 1)""";
        var adult = AdultEpisodes(restricted ? "a.person IN (SELECT person FROM person_period)" : null);
        var singles = !split ? "" : $"""
            single_journeys AS MATERIALIZED (
              SELECT a.id, a.person, 1 AS journey, {ExitKey(sql, "1")} AS exit_key,
                     {StartKey(sql.DayNumber("a.triage"), "1", InSelection(sql))} AS start_key, {GroupKey(sql, "1")} AS group_key
              FROM asof_episodes a{join}
              WHERE {adult} AND NOT {several}),

            """;
        var singlePersons = !split ? "" : $"\n  UNION ALL\n  SELECT j.person, j.group_key, {exitJourney}, {startKey}\n  FROM single_journeys j";
        return $"""
            {Marks(sql, "journey", $"asof_episodes a{join}", split ? $"{adult} AND {several}" : adult)},
            {singles}journey_keys AS (
              SELECT m.person, m.journey, MAX(m.exit_key) AS exit_key, MIN(m.start_key) AS start_key, MAX(m.group_key) AS group_key
              FROM journey_marks m GROUP BY m.person, m.journey),
            person_journeys AS (
              SELECT j.person, MAX(j.group_key) AS group_key, MAX({exitJourney}) AS exit_journey, MIN({startKey}) AS start_key
              FROM journey_keys j GROUP BY j.person{singlePersons})
            """;
    }

    /// <summary>The test, over rows of <c>asof_episodes</c> <c>a</c>, of the adult episodes journeys are built from, and <paramref name="more"/>.</summary>
    private static string AdultEpisodes(string? more) =>
        $"a.pathway = {IndicatorSql.Literal(Codes<CarePathway>.Code(CarePathway.Adult))}" + (more is null ? "" : $" AND {more}");

    /// <summary>
    /// CTEs <c>{name}_episodes</c>, <c>{name}_steps</c> and <c>{name}_marks</c>: the journeys of the adult episodes read
    /// <paramref name="from"/> (rows <c>a</c> of <c>asof_episodes</c>, with the selection's join) <paramref name="where"/>, each
    /// of a person's episodes at every provider, ending in <c>{name}_marks</c>, one row per episode with its <c>id</c>,
    /// <c>person</c>, <c>journey</c> number and keys (<c>exit_key</c>, <c>start_key</c>, <c>group_key</c>), and the column
    /// <paramref name="carry"/> of <c>x</c> carried through when given.
    /// Two sorts of the episodes, each carrying a few integers: the per-person rank of (episode_ref, source) for the tie
    /// rules, then journey order, where "open until" is the running MAX of the preceding episodes' exit keys (a day number,
    /// or <see cref="Open"/>) and <c>starts</c> marks a new journey. Journey numbers are then a running SUM of the starts over
    /// journey order (<c>seq</c>).
    /// </summary>
    private static string Marks(IndicatorSql sql, string name, string from, string where, string? carry = null)
    {
        string Carry(string alias) => carry is null ? "" : $"{alias}.{carry}, ";
        // SQLite would read the episodes through the (PersonId, TriageDate) index to have them by person, one table lookup each
        // in person order; reading the table and sorting all three terms measured faster (at 300,000 people, 6.9 s against 8.4 s
        // for the whole query).
        var refRank = $"ROW_NUMBER() OVER (PARTITION BY {sql.NoIndex("a.person")} ORDER BY {sql.Ordinal("a.ref")}, {sql.Ordinal("a.src")})";
        // ROW_NUMBER ignores the frame, so it shares the window (one pass on PostgreSQL) with the MAX of the preceding rows.
        var openUntil = "MAX(e.exit_key) OVER w";
        return $"""
            {name}_episodes AS (
              SELECT {Carry("x")}a.id, a.person, {sql.Ordinal("a.ref")} AS ref, {sql.Ordinal("a.src")} AS src,
                     {sql.DayNumber("a.referral")} AS referral_day, {sql.DayNumber("a.triage")} AS triage_day, {InSelection(sql)} AS in_sel,
                     {ExitKey(sql, refRank)} AS exit_key, {GroupKey(sql, refRank)} AS group_key
              FROM {from}
              WHERE {where}),
            {name}_steps AS (
              SELECT {Carry("e")}e.id, e.person, e.exit_key, e.group_key,
                     ROW_NUMBER() OVER w AS seq,
                     {StartKey("e.triage_day", "ROW_NUMBER() OVER w", "e.in_sel")} AS start_key,
                     CASE WHEN ROW_NUMBER() OVER w = 1 OR ({openUntil} < {Big(Open)} AND e.referral_day > {openUntil} / {ExitDay} + {GapDays})
                          THEN 1 ELSE 0 END AS starts
              FROM {name}_episodes e
              WINDOW w AS (PARTITION BY e.person ORDER BY e.referral_day, e.ref, e.src ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)),
            {name}_marks AS (
              SELECT {Carry("s")}s.id, s.person, s.exit_key, s.start_key, s.group_key,
                     SUM(s.starts) OVER (PARTITION BY s.person ORDER BY s.seq ROWS UNBOUNDED PRECEDING) AS journey
              FROM {name}_steps s)
            """;
    }

    // An episode's keys (Cte's summary) over rows a of asof_episodes, given its rank among the person's episodes by
    // (episode_ref, source) and its place in journey order: written once for every kind of person.

    /// <summary>1 when the episode <c>a</c> is in the selection, else 0.</summary>
    private static string InSelection(IndicatorSql sql) => sql.Selection("a").Test is { } test ? $"CASE WHEN {test} THEN 1 ELSE 0 END" : "1";

    private static string ExitKey(IndicatorSql sql, string rank) =>
        $"CASE WHEN a.discharge IS NULL THEN {Big(Open)} ELSE {sql.DayNumber("a.discharge")} * {Big(ExitDay)} + {rank} * 4 " +
        $"+ CASE WHEN a.reason IN {Completion.Successful} THEN 2 ELSE 0 END + {InSelection(sql)} END";

    private static string GroupKey(IndicatorSql sql, string rank)
    {
        var test = sql.Selection("a").Test;
        var counted = test is null ? IndicatorSql.InTreatmentInPeriod("a") : $"{test} AND {IndicatorSql.InTreatmentInPeriod("a")}";
        var groupCode = "CASE " + IndicatorSql.SubstanceGroupOf("a") + " " +
            string.Join(" ", InTreatment.Groups.Select((g, i) => $"WHEN {IndicatorSql.Literal(Codes<SubstanceGroup>.Code(g))} THEN {i}")) + " END";
        return $"CASE WHEN {counted} THEN ({sql.DayNumber("a.triage")} * {Big(Rank)} + {rank}) * 4 + {groupCode} END";
    }

    private static string StartKey(string triageDay, string seq, string inSel) =>
        $"CASE WHEN {triageDay} IS NOT NULL THEN {triageDay} * {Big(StartDay)} + {seq} * 2 + {inSel} END";

    /// <summary>A 64-bit literal, so PostgreSQL multiplies a 32-bit day number by it without overflowing.</summary>
    private static string Big(long n) => $"CAST({n} AS bigint)";

    /// <summary>The SQL text of a person's substance group from <c>group_key</c> (<see cref="Cte"/>).</summary>
    private static string GroupOf(string groupKey) => "CASE " + groupKey + " % 4 " +
        string.Join(" ", InTreatment.Groups.Select((g, i) => $"WHEN {i} THEN {IndicatorSql.Literal(Codes<SubstanceGroup>.Code(g))}")) + " END";

    /// <summary>The code of <paramref name="group"/> in <c>group_key</c>'s lowest two bits.</summary>
    private static int GroupCode(SubstanceGroup group) => Array.IndexOf(InTreatment.Groups, group);

    /// <summary>The exit date of an <c>exit_journey</c> (<see cref="Cte"/>).</summary>
    private static string ExitDate(IndicatorSql sql, string exitJourney) => sql.DateOfDay($"{exitJourney} / {Rank} / {ExitDay}");

    /// <summary>1 when the exit of an <c>exit_journey</c> is a successful completion, else 0.</summary>
    private static string ExitSuccessful(string exitJourney) => $"{exitJourney} / {Rank} / 2 % 2";

    /// <summary>
    /// A query of the persons (<c>person</c>, each once) of <paramref name="exits"/>, rows (<c>person</c>, <c>id</c> of an
    /// episode, <c>exit_date</c>), one of whose episodes holds substitute medication open on the exit date (started on or
    /// before it, not ended or ended after it): a <c>pharmacological</c> intervention, or a prescription of methadone or
    /// buprenorphine in any form (exchange-format.md version 2). One join over all the exits rather than a lookup per exit.
    /// This is the one place the opiate completion's medication-free rule reads, so every figure follows it.
    /// </summary>
    /// <remarks>
    /// The episodes' own interventions are read through their index; SQLite, left to itself, takes the (Type, StartDate)
    /// index and reads every earlier pharmacological intervention in the database, hence the NoIndex hints.
    /// </remarks>
    public static string MedicatedExits(IndicatorSql sql, string exits) => $"""
        SELECT e.person FROM {exits} e JOIN "Interventions" i ON i."EpisodeId" = e.id
        WHERE {sql.NoIndex("i.\"Type\"")} = {IndicatorSql.Literal(Codes<InterventionType>.Code(InterventionType.Pharmacological))}
          AND {sql.NoIndex("i.\"StartDate\"")} <= e.exit_date AND (i."EndDate" IS NULL OR i."EndDate" > e.exit_date)
        UNION
        SELECT e.person FROM {exits} e JOIN "Prescriptions" p ON p."EpisodeId" = e.id
        WHERE p."Medicine" IN ({SubstituteMedicines})
          AND p."StartDate" <= e.exit_date AND (p."EndDate" IS NULL OR p."EndDate" > e.exit_date)
        """;

    private static readonly string SubstituteMedicines =
        string.Join(", ", Prescribing.Medicines.Substitutes.Select(m => IndicatorSql.Literal(Codes<Prescribing.Medicine>.Code(m))));

    /// <summary>
    /// CTEs after <see cref="Cte"/>: <c>exit_medicated</c>, the opiate-group persons whose latest exit is successful with a
    /// substitute medication open on its date in one of the journey's episodes (<see cref="MedicatedExits"/>; the opiate
    /// completion rule, which only those exits decide); and <c>per_person</c>, one row per person in treatment in the period
    /// with <c>grp</c>; <c>exit_date</c>, <c>exit_successful</c> (1 or 0) and <c>medicated</c> (1 or 0) of their latest exit
    /// within the period, for completions; and <c>start</c>, <c>start_exit_date</c> and <c>start_exit_successful</c> of their
    /// earliest journey starting in the period from an episode in the selection, for new presentations and retention.
    /// </summary>
    /// <remarks>
    /// The episodes of a latest exit are found by building again the journeys of the few persons it decides
    /// (<c>exit_candidates</c>, opiate-group persons whose latest exit is successful), not by keeping everyone's
    /// <c>journey_marks</c> to join back to: read once, those stay a pipeline, which PostgreSQL groups by journey already in
    /// person order. At 300,000 people PostgreSQL's journeys query took 2.4 s against 2.9 s, SQLite's whole report 6.8 s against
    /// 7.6 s. <c>exit_medicated</c> is MATERIALIZED so it is computed once: PostgreSQL inlined it into both completion columns
    /// and ran it twice.
    /// </remarks>
    public static string PerPerson(IndicatorSql sql) => $"""
        exit_candidates AS (
          SELECT r.person, r.exit_journey FROM person_journeys r
          WHERE {ExitSuccessful("r.exit_journey")} = 1 AND r.group_key % 4 = {GroupCode(SubstanceGroup.Opiate)}),
        {Marks(sql, "exit_journey", $"exit_candidates x JOIN asof_episodes a ON a.person = x.person{sql.Selection("a").Join}", AdultEpisodes(null), "exit_journey")},
        exit_episodes AS (
          SELECT m.person, m.id, {ExitDate(sql, "m.exit_journey")} AS exit_date
          FROM exit_journey_marks m WHERE m.journey = m.exit_journey % {Rank}),
        exit_medicated AS MATERIALIZED (
          {MedicatedExits(sql, "exit_episodes")}),
        per_person AS (
          SELECT r.person, {GroupOf("r.group_key")} AS grp, {ExitDate(sql, "r.exit_journey")} AS exit_date,
                 {ExitSuccessful("r.exit_journey")} AS exit_successful,
                 CASE WHEN r.person IN (SELECT person FROM exit_medicated) THEN 1 ELSE 0 END AS medicated,
                 {sql.DateOfDay($"r.start_key / {StartDay}")} AS start,
                 {sql.DateOfDay($"NULLIF(r.start_key / 2 % {Rank}, 0) - 1")} AS start_exit_date,
                 r.start_key % 2 AS start_exit_successful
          FROM person_journeys r WHERE r.group_key IS NOT NULL)
        """;
}
