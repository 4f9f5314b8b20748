using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pathway.Episodes;
using Pathway.HarmReduction;
using Pathway.Infrastructure;
using Pathway.OutcomeReviews;
using Pathway.People;
using Pathway.Prescribing;

namespace Pathway.Exchange;

/// <summary>Receives each valid row, typed, in the bundle's column order: the staging side of a load.</summary>
public interface IBundleSink
{
    void Write(BundleFile file, object?[] values);
}

public sealed record BundleCheck(BundleReport Report, IReadOnlyDictionary<string, int> RowsRead, IReadOnlySet<string> FilesPresent);

/// <summary>
/// The rules of exchange-format.md, applied in one streaming pass over the files in load order: every
/// problem is collected (not just the first), and while none has been found each row goes on to the sink.
/// Only refs and the dates other files are checked against stay in memory, never the rows. The rules
/// themselves live beside their records (<see cref="ClientRules"/>, <see cref="EpisodeRules"/>,
/// <see cref="InterventionRules"/>, <see cref="ContactRules"/>, <see cref="OutcomeReviewRules"/>,
/// <see cref="PrescriptionRules"/>, <see cref="HarmReductionRules"/>, <see cref="RefRules"/>), where the case-work forms
/// call them too; this file reads cells and says where.
/// </summary>
public static class BundleRules
{
    public const int MaxRefLength = RefRules.MaxLength;

    public static BundleCheck Check(Bundle bundle, DateOnly today, IBundleSink? sink = null)
    {
        var state = new State(new BundleReport(), today, sink);
        var read = new Dictionary<string, int>();
        var present = new HashSet<string>();
        foreach (var file in BundleFormat.Files)
        {
            if (!bundle.Has(file))
            {
                if (file.Required) state.Report.Add(file.Name, 1, BundleProblem.WholeFile, "required file is missing from the bundle");
                state.Unusable.Add(file.Name);
                continue;
            }
            present.Add(file.Name);
            using var rows = new BundleRows(file, bundle.OpenRead(file), state.Report);
            var count = 0;
            if (rows.ReadHeader())
            {
                // A file whose ref column is missing cannot answer for references to it; saying so once is enough.
                if (!rows.HasColumn(0)) state.Unusable.Add(file.Name);
                var check = RowCheckFor(file);
                while (rows.Read())
                {
                    count++;
                    var values = new object?[file.Columns.Count];
                    var row = new Row(rows, values);
                    check(state, row);
                    if (state.Report.IsValid) state.Sink?.Write(file, values);
                }
            }
            else
            {
                state.Unusable.Add(file.Name);
            }
            read[file.Name] = count;
            // Only episodes.csv refers to clients: their refs need not outlive it (a national bundle's are tens of MB).
            if (file == BundleFormat.Episodes)
            {
                state.Clients.Clear();
                state.Clients.TrimExcess();
            }
        }
        return new BundleCheck(state.Report, read, present);
    }

    private static Action<State, Row> RowCheckFor(BundleFile file) =>
        file == BundleFormat.Clients ? CheckClient
        : file == BundleFormat.Episodes ? CheckEpisode
        : file == BundleFormat.Interventions ? CheckIntervention
        : file == BundleFormat.Contacts ? CheckContact
        : file == BundleFormat.Reviews ? CheckReview
        : file == BundleFormat.Prescriptions ? CheckPrescription
        : file == BundleFormat.HarmReduction ? CheckHarmReduction
        : throw new ArgumentException(file.Name);

    private sealed class State(BundleReport report, DateOnly today, IBundleSink? sink)
    {
        public BundleReport Report { get; } = report;
        public DateOnly Today { get; } = today;
        public IBundleSink? Sink { get; } = sink;
        public HashSet<string> Unusable { get; } = [];
        public Dictionary<string, (DateOnly? BirthDate, int Line)> Clients { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, EpisodeSeen> Episodes { get; } = new(StringComparer.Ordinal);
        /// <summary>Start reviews of refs that are not episodes of the bundle (those of episodes are kept with the episode).</summary>
        public Dictionary<string, int> StartReviews { get; } = new(StringComparer.Ordinal);
        /// <summary>The line of each prescription_ref, for "unique within the bundle".</summary>
        public Dictionary<string, int> Prescriptions { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>What later files need of an episode: its referral and discharge dates, its line, and the line of its start review (0: none yet).</summary>
    private struct EpisodeSeen(DateOnly? referralDate, DateOnly? dischargeDate, int line)
    {
        public DateOnly? ReferralDate { get; } = referralDate;
        public DateOnly? DischargeDate { get; } = dischargeDate;
        public int Line { get; } = line;
        public int StartReviewLine { get; set; }
    }

    private static void CheckClient(State state, Row row)
    {
        var f = BundleFormat.Clients;
        var clientRef = row.Ref(0);
        if (row.Text(1, 2) is { } initials) row.Problem(1, ClientRules.Initials(initials));
        var birth = row.Date(2, state.Today);
        row.Code<Sex>(3);
        if (row.Text(4, 9) is { } la) row.Problem(4, ClientRules.LocalAuthority(la));
        if (row.Text(5, 4, required: false) is { } postcode) row.Problem(5, ClientRules.PostcodeDistrict(postcode));
        if (row.Text(6, 10, required: false) is { } nhs) row.Problem(6, ClientRules.NhsNumber(nhs));
        row.Flag(f.IndexOf("consent_national_reporting"));
        if (clientRef is null) return;
        if (state.Clients.TryGetValue(clientRef, out var first)) row.Problem(0, $"is a duplicate of line {first.Line}");
        else state.Clients[clientRef] = (birth, row.Line);
    }

    private static void CheckEpisode(State state, Row row)
    {
        var episodeRef = row.Ref(0);
        var clientRef = row.Text(1, MaxRefLength);
        DateOnly? birth = null;
        if (clientRef is not null && !state.Unusable.Contains(BundleFormat.Clients.Name))
        {
            if (state.Clients.TryGetValue(clientRef, out var client)) birth = client.BirthDate;
            else row.Problem(1, "is not a client_ref in clients.csv");
        }
        if (row.Text(2, int.MaxValue) is { } provider) row.Problem(2, EpisodeRules.ProviderCode(provider));
        var pathway = row.Code<CarePathway>(3);
        var referral = row.Date(4, state.Today);
        row.Code<ReferralSource>(5);
        var triage = row.Date(6, state.Today, required: false);
        var s1 = row.Code<Substance>(7);
        var s2 = row.Code<Substance>(8, required: false);
        var s3 = row.Code<Substance>(9, required: false);
        row.Code<InjectingStatus>(10);
        var discharge = row.Date(11, state.Today, required: false);
        var reason = row.Code<DischargeReason>(12, required: false);

        // The same order is reported once, on discharge_date (see EpisodeRules.TriageDate).
        if (triage is { } t) row.Problem(6, EpisodeRules.TriageDate(t, referral));
        if (discharge is { } d) row.Problem(11, EpisodeRules.DischargeDate(d, referral, triage));
        if (discharge is not null && reason is null && row.Cell(12) is null) row.Problem(12, "is required when discharge_date is set");
        if (discharge is null && row.Cell(11) is null && reason is not null) row.Problem(11, "is required when discharge_reason is set");
        if (s2 is { } second) row.Problem(8, EpisodeRules.Substance2(s1, second));
        if (s3 is { } third && (s2 is not null || row.Cell(8) is null)) row.Problem(9, EpisodeRules.Substance3(s1, s2, third));
        if (reason is { } why) row.Problem(12, EpisodeRules.DischargeReason(why, s1, s2, s3));

        if (birth is { } b && referral is { } referred)
        {
            var age = Age.On(b, referred);
            if (EpisodeRules.AgeAtReferral(age) is { } wrongAge) row.Problem(4, wrongAge);
            else if (pathway is { } p) row.Problem(3, EpisodeRules.Pathway(p, age));
        }

        if (episodeRef is null) return;
        if (state.Episodes.TryGetValue(episodeRef, out var first)) row.Problem(0, $"is a duplicate of line {first.Line}");
        else state.Episodes[episodeRef] = new EpisodeSeen(referral, discharge, row.Line);
    }

    /// <summary>
    /// The episode_ref of a child row must name an episode of episodes.csv. Returns the episode's entry (a null
    /// reference when there is none), and stages the ref as the string already held, so the millions of child
    /// rows allocate no string of their own for it.
    /// </summary>
    private static ref EpisodeSeen EpisodeOf(State state, Row row, int column = 0)
    {
        if (!state.Unusable.Contains(BundleFormat.Episodes.Name) && row.KnownRef(column, state.Episodes, out var known))
            return ref CollectionsMarshal.GetValueRefOrNullRef(state.Episodes, known);
        var episodeRef = row.Text(column, MaxRefLength);
        if (episodeRef is null || state.Unusable.Contains(BundleFormat.Episodes.Name)) return ref Unsafe.NullRef<EpisodeSeen>();
        ref var episode = ref CollectionsMarshal.GetValueRefOrNullRef(state.Episodes, episodeRef);
        if (Unsafe.IsNullRef(ref episode)) row.Problem(column, "is not an episode_ref in episodes.csv");
        return ref episode;
    }

    private static DateOnly? ReferralDateOf(ref EpisodeSeen episode) => Unsafe.IsNullRef(ref episode) ? null : episode.ReferralDate;

    private static void CheckIntervention(State state, Row row)
    {
        var referral = ReferralDateOf(ref EpisodeOf(state, row));
        row.Code<InterventionType>(1);
        row.Code<InterventionSetting>(2);
        var start = row.Date(3, state.Today);
        var end = row.Date(4, state.Today, required: false);
        if (start is { } s) row.Problem(3, InterventionRules.StartDate(s, referral));
        if (start is { } s2 && end is { } e) row.Problem(4, InterventionRules.EndDate(e, s2));
    }

    private static void CheckContact(State state, Row row)
    {
        var referral = ReferralDateOf(ref EpisodeOf(state, row));
        if (row.Date(1, state.Today) is { } date) row.Problem(1, ContactRules.Date(date, referral));
        row.Code<ContactChannel>(2);
        row.Flag(3);
        row.Code<ContactKind>(4);
    }

    private static void CheckReview(State state, Row row)
    {
        var f = BundleFormat.Reviews;
        ref var episode = ref EpisodeOf(state, row);
        var known = !Unsafe.IsNullRef(ref episode);
        var date = row.Date(1, state.Today);
        if (date is { } day && known) row.Problem(1, OutcomeReviewRules.Date(day, episode.ReferralDate));
        var stage = row.Code<ReviewStage>(2);
        for (var c = 3; c < f.Columns.Count; c++)
        {
            if (f.Columns[c].Kind == ColumnKind.Flag) row.Flag(c);
            else row.Number(c, ReviewRanges[c]!, required: !f.Columns[c].Optional);
        }
        if (stage == ReviewStage.PostExit && known && date is not null)
            row.Problem(2, OutcomeReviewRules.Stage(ReviewStage.PostExit, date, episodeHasStart: false, episode.DischargeDate));
        if (stage != ReviewStage.Start) return;
        // One start per episode; the loader adds where the other one is.
        if (known)
        {
            if (episode.StartReviewLine > 0)
                row.Problem(2, $"{OutcomeReviewRules.SecondStart} (on line {episode.StartReviewLine})");
            else episode.StartReviewLine = row.Line;
        }
        else if (row.Cell(0) is { } episodeRef)
        {
            if (state.StartReviews.TryGetValue(episodeRef, out var line))
                row.Problem(2, $"{OutcomeReviewRules.SecondStart} (on line {line})");
            else state.StartReviews[episodeRef] = row.Line;
        }
    }

    /// <summary>
    /// A prescription. Its dates may be in the future: a prescription is written for the days to come (a titration's next
    /// step, a script's last day). Overlapping prescriptions of one medicine are not a rule of the format, so not checked here.
    /// </summary>
    private static void CheckPrescription(State state, Row row)
    {
        var prescriptionRef = row.Ref(0);
        var referral = ReferralDateOf(ref EpisodeOf(state, row, column: 1));
        var medicine = row.Code<Medicine>(2);
        if (row.Decimal(3) is { } dose) row.Problem(3, PrescriptionRules.DoseMg(dose));
        if (row.Whole(4) is { } interval) row.Problem(4, PrescriptionRules.DoseIntervalDays(interval, medicine));
        var start = row.Date(5, state.Today, future: true);
        var end = row.Date(6, state.Today, required: false, future: true);
        if (start is { } s) row.Problem(5, PrescriptionRules.StartDate(s, referral));
        if (start is { } s2 && end is { } e) row.Problem(6, PrescriptionRules.EndDate(e, s2));
        row.Number(7, PrescriptionRules.SupervisedDays);
        if (row.Text(8, int.MaxValue, required: false) is { } ods) row.Problem(8, PrescriptionRules.PharmacyOdsCode(ods));
        if (prescriptionRef is null) return;
        if (state.Prescriptions.TryGetValue(prescriptionRef, out var first)) row.Problem(0, $"is a duplicate of line {first}");
        else state.Prescriptions[prescriptionRef] = row.Line;
    }

    private static void CheckHarmReduction(State state, Row row)
    {
        var referral = ReferralDateOf(ref EpisodeOf(state, row));
        if (row.Date(1, state.Today) is { } date) row.Problem(1, HarmReductionRules.Date(date, referral));
        var kind = row.Code<HarmReductionKind>(2);
        var result = row.Code<HarmReductionResult>(3);
        if (kind is { } k && result is { } r) row.Problem(3, HarmReductionRules.Result(k, r));
        if (row.Whole(4) is { } quantity) row.Problem(4, HarmReductionRules.Quantity(kind, quantity));
        row.Code<Substance>(5, required: false);
        if (kind is { } k2) row.Problem(5, HarmReductionRules.Substance(k2, row.Cell(5) is not null));
    }

    /// <summary>The range of each number column of reviews.csv, looked up once rather than per row.</summary>
    private static readonly WholeNumbers?[] ReviewRanges =
        [.. BundleFormat.Reviews.Columns.Select(c => c.Kind == ColumnKind.Number ? OutcomeReviewRules.RangeOf(c.Name) : null)];

    /// <summary>One row being checked: each typed read reports its own problem and stores the value for staging.</summary>
    private readonly struct Row(BundleRows rows, object?[] values)
    {
        public int Line => rows.Line;
        private string Name(int column) => rows.File.Columns[column].Name;

        /// <summary>Reports the reason a rule gave, if it gave one.</summary>
        public void Problem(int column, string? rule)
        {
            if (rule is not null) rows.Problem(rows.Line, Name(column), rule);
        }

        public string? Cell(int column) => rows.Cell(column);

        private string? Present(int column, bool required)
        {
            var value = rows.Cell(column, out var state);
            if (state == BundleRows.CellState.NotUtf8) Problem(column, "is not valid UTF-8 text; save the file as CSV UTF-8");
            // A missing column was reported once, on the header.
            else if (value is null && required && rows.HasColumn(column)) Problem(column, "a value is required");
            return value;
        }

        public string? Ref(int column)
        {
            var value = Text(column, MaxRefLength);
            if (value is not null) Problem(column, RefRules.Check(value));
            return value;
        }

        /// <summary>
        /// The fast path of a reference: a well-formed cell naming a key of <paramref name="refs"/> stages that key's
        /// own string. Anything else (empty, too long, not UTF-8, unknown) is left to the checks that report it.
        /// </summary>
        public bool KnownRef<T>(int column, Dictionary<string, T> refs, out string key)
        {
            Span<char> chars = stackalloc char[MaxRefLength];
            var length = rows.CellChars(column, chars);
            if (length > 0 && refs.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars[..length], out key!, out _))
            {
                values[column] = key;
                return true;
            }
            key = null!;
            return false;
        }

        public string? Text(int column, int maxLength, bool required = true)
        {
            var value = Present(column, required);
            if (value is not null && value.Length > maxLength)
            {
                Problem(column, $"must be at most {maxLength} characters");
                return null;
            }
            values[column] = value;
            return value;
        }

        /// <param name="future">whether the date may lie after the day of the load (a prescription's; nothing else's)</param>
        public DateOnly? Date(int column, DateOnly today, bool required = true, bool future = false)
        {
            var text = Present(column, required);
            if (text is null) return null;
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Problem(column, "must be a date as YYYY-MM-DD");
                return null;
            }
            if (!future) Problem(column, RecordRules.NotFuture(date, today));
            values[column] = date;
            return date;
        }

        public T? Code<T>(int column, bool required = true) where T : struct, Enum
        {
            var text = Present(column, required);
            if (text is null) return null;
            if (!Codes<T>.TryParse(text, out var value))
            {
                Problem(column, $"must be one of: {string.Join(", ", Enum.GetValues<T>().Select(Codes<T>.Code))}");
                return null;
            }
            values[column] = text;
            return value;
        }

        public bool? Flag(int column)
        {
            var text = Present(column, required: true);
            if (text is null) return null;
            if (text is not ("Y" or "N"))
            {
                Problem(column, "must be Y or N");
                return null;
            }
            values[column] = text == "Y";
            return text == "Y";
        }

        /// <summary>A whole number whose range depends on other cells: the caller's rule gives the reason.</summary>
        public int? Whole(int column)
        {
            var text = Present(column, required: true);
            if (text is null) return null;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                Problem(column, "must be a whole number");
                return null;
            }
            values[column] = n;
            return n;
        }

        /// <summary>A number written with digits and at most one decimal point (no sign, no exponent, no thousands separator).</summary>
        public decimal? Decimal(int column)
        {
            var text = Present(column, required: true);
            if (text is null) return null;
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
            {
                Problem(column, "must be a number such as 30 or 2.5");
                return null;
            }
            values[column] = n;
            return n;
        }

        public int? Number(int column, WholeNumbers range, bool required = true)
        {
            var text = Present(column, required);
            if (text is null) return null;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || range.Check(n) is not null)
            {
                Problem(column, range.Reason);
                return null;
            }
            values[column] = n;
            return n;
        }
    }
}
