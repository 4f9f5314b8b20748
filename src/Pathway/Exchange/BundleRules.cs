using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Pathway.Episodes;
using Pathway.Infrastructure;
using Pathway.OutcomeReviews;
using Pathway.People;

namespace Pathway.Exchange;

/// <summary>Receives each valid row, typed, in the bundle's column order: the staging side of a load.</summary>
public interface IBundleSink
{
    void Write(BundleFile file, object?[] values);
}

public sealed record BundleCheck(BundleReport Report, IReadOnlyDictionary<string, int> RowsRead, IReadOnlySet<string> FilesPresent);

/// <summary>
/// The rules of exchange-format.md, in one place. One streaming pass over the files in load order: every
/// problem is collected (not just the first), and while none has been found each row goes on to the sink.
/// Only refs and the dates other files are checked against stay in memory, never the rows.
/// </summary>
public static partial class BundleRules
{
    public const int MaxRefLength = 40;

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
        : CheckReview;

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
    }

    /// <summary>What later files need of an episode: its referral date, its line, and the line of its start review (0: none yet).</summary>
    private struct EpisodeSeen(DateOnly? referralDate, int line)
    {
        public DateOnly? ReferralDate { get; } = referralDate;
        public int Line { get; } = line;
        public int StartReviewLine { get; set; }
    }

    private static void CheckClient(State state, Row row)
    {
        var f = BundleFormat.Clients;
        var clientRef = row.Ref(0);
        var initials = row.Text(1, 2);
        if (initials is not null && !Initials().IsMatch(initials)) row.Problem(1, "must be 2 capital letters A-Z");
        var birth = row.Date(2, state.Today);
        row.Code<Sex>(3);
        var la = row.Text(4, 9);
        if (la is not null && !LocalAuthorityCode().IsMatch(la))
            row.Problem(4, "must be an ONS code: E06, E07, E08, E09 or E10 followed by 6 digits");
        var postcode = row.Text(5, 4, required: false);
        if (postcode is not null && !PostcodeDistrict().IsMatch(postcode)) row.Problem(5, "must be a postcode district such as SK1");
        var nhs = row.Text(6, 10, required: false);
        if (nhs is not null)
        {
            if (nhs.Length != 10 || !nhs.All(char.IsAsciiDigit)) row.Problem(6, "must be 10 digits");
            else if (!NhsNumber.IsValid(nhs)) row.Problem(6, "fails the NHS number check digit");
        }
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
        row.Text(2, 20);
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

        if (referral is { } r && triage is { } t && t < r) row.Problem(6, "must not be before referral_date");
        if (discharge is { } d)
        {
            if (triage is { } t2 && d < t2) row.Problem(11, "must not be before triage_date");
            else if (triage is null && referral is { } r2 && d < r2) row.Problem(11, "must not be before referral_date");
        }
        if (discharge is not null && reason is null && row.Cell(12) is null) row.Problem(12, "is required when discharge_date is set");
        if (discharge is null && row.Cell(11) is null && reason is not null) row.Problem(11, "is required when discharge_reason is set");
        if (s2 is not null && s2 == s1) row.Problem(8, "must differ from substance_1");
        if (s3 is not null && (s3 == s1 || s3 == s2)) row.Problem(9, "must differ from substance_1 and substance_2");
        if (reason == DischargeReason.CompletedOccasionalUser
            && new[] { s1, s2, s3 }.Any(s => s is { } x && (Substances.IsOpiate(x) || x == Substance.Crack)))
            row.Problem(12, "completed_occasional_user is not for opiate or crack use");

        if (birth is { } b && referral is { } referred)
        {
            var age = Age.On(b, referred);
            if (age is < 10 or > 110) row.Problem(4, $"the client's age at referral must be 10 to 110 (it is {age})");
            else if (pathway == CarePathway.Adult && age < 18) row.Problem(3, $"adult needs age 18 or over at referral (the client is {age})");
            else if (pathway == CarePathway.YoungPeople && age >= 25) row.Problem(3, $"young_people needs age under 25 at referral (the client is {age})");
        }

        if (episodeRef is null) return;
        if (state.Episodes.TryGetValue(episodeRef, out var first)) row.Problem(0, $"is a duplicate of line {first.Line}");
        else state.Episodes[episodeRef] = new EpisodeSeen(referral, row.Line);
    }

    /// <summary>
    /// The episode_ref of a child row must name an episode of episodes.csv. Returns the episode's entry (a null
    /// reference when there is none), and stages the ref as the string already held, so the millions of child
    /// rows allocate no string of their own for it.
    /// </summary>
    private static ref EpisodeSeen EpisodeOf(State state, Row row)
    {
        if (!state.Unusable.Contains(BundleFormat.Episodes.Name) && row.KnownRef(0, state.Episodes, out var known))
            return ref CollectionsMarshal.GetValueRefOrNullRef(state.Episodes, known);
        var episodeRef = row.Text(0, MaxRefLength);
        if (episodeRef is null || state.Unusable.Contains(BundleFormat.Episodes.Name)) return ref Unsafe.NullRef<EpisodeSeen>();
        ref var episode = ref CollectionsMarshal.GetValueRefOrNullRef(state.Episodes, episodeRef);
        if (Unsafe.IsNullRef(ref episode)) row.Problem(0, "is not an episode_ref in episodes.csv");
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
        if (start is { } s && referral is { } r && s < r) row.Problem(3, "must not be before the episode's referral_date");
        if (start is { } s2 && end is { } e && e < s2) row.Problem(4, "must not be before start_date");
    }

    private static void CheckContact(State state, Row row)
    {
        EpisodeOf(state, row);
        row.Date(1, state.Today);
        row.Code<ContactChannel>(2);
        row.Flag(3);
        row.Code<ContactKind>(4);
    }

    private static void CheckReview(State state, Row row)
    {
        var f = BundleFormat.Reviews;
        ref var episode = ref EpisodeOf(state, row);
        row.Date(1, state.Today);
        var stage = row.Code<ReviewStage>(2);
        for (var c = 3; c < f.Columns.Count; c++)
        {
            var column = f.Columns[c];
            if (column.Kind == ColumnKind.Flag) row.Flag(c);
            else if (column.Name == "alcohol_units_per_drinking_day") row.Number(c, 0, 200, required: false);
            else if (column.Name is "psychological_health" or "physical_health" or "quality_of_life") row.Number(c, 0, 20);
            else row.Number(c, 0, 28);
        }
        if (stage != ReviewStage.Start) return;
        if (!Unsafe.IsNullRef(ref episode))
        {
            if (episode.StartReviewLine > 0)
                row.Problem(2, $"an episode has at most one start review (another is on line {episode.StartReviewLine})");
            else episode.StartReviewLine = row.Line;
        }
        else if (row.Cell(0) is { } episodeRef)
        {
            if (state.StartReviews.TryGetValue(episodeRef, out var line))
                row.Problem(2, $"an episode has at most one start review (another is on line {line})");
            else state.StartReviews[episodeRef] = row.Line;
        }
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex Initials();
    [GeneratedRegex("^E(0[6-9]|10)[0-9]{6}$")]
    private static partial Regex LocalAuthorityCode();
    [GeneratedRegex("^[A-Z]{1,2}[0-9][0-9A-Z]?$")]
    private static partial Regex PostcodeDistrict();

    /// <summary>One row being checked: each typed read reports its own problem and stores the value for staging.</summary>
    private readonly struct Row(BundleRows rows, object?[] values)
    {
        public int Line => rows.Line;
        private string Name(int column) => rows.File.Columns[column].Name;

        public void Problem(int column, string rule) => rows.Problem(rows.Line, Name(column), rule);

        public string? Cell(int column) => rows.Cell(column);

        private string? Present(int column, bool required)
        {
            var value = rows.Cell(column, out var state);
            if (state == BundleRows.CellState.NotUtf8) Problem(column, "is not valid UTF-8 text; save the file as CSV UTF-8");
            // A missing column was reported once, on the header.
            else if (value is null && required && rows.HasColumn(column)) Problem(column, "a value is required");
            return value;
        }

        public string? Ref(int column) => Text(column, MaxRefLength);

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

        public DateOnly? Date(int column, DateOnly today, bool required = true)
        {
            var text = Present(column, required);
            if (text is null) return null;
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Problem(column, "must be a date as YYYY-MM-DD");
                return null;
            }
            if (date > today) Problem(column, "must not be in the future");
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

        public int? Number(int column, int min, int max, bool required = true)
        {
            var text = Present(column, required);
            if (text is null) return null;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            {
                Problem(column, $"must be a whole number from {min} to {max}");
                return null;
            }
            values[column] = n;
            return n;
        }
    }
}
