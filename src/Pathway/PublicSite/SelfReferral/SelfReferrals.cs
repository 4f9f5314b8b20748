using Pathway.Infrastructure;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pathway.Assessments;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.People;
using Pathway.Referrals;

namespace Pathway.PublicSite.SelfReferral;

/// <summary>
/// The self-referral's drafts and its one send. Drafts live server-side behind a random token in an HttpOnly
/// cookie, so no personal answer ever sits in the page or the URL, and a page can be revisited with a plain link.
/// </summary>
public static partial class SelfReferrals
{
    public const string Cookie = "pathway.self-referral";
    public static readonly TimeSpan DraftLifetime = TimeSpan.FromHours(1);

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Starts a draft, and clears out any abandoned ones: nothing a person left half-typed outlives the hour.</summary>
    public static async Task<string> StartAsync(PathwayDb db, SelfReferralAnswers answers, CancellationToken cancel)
    {
        var now = db.Time().GetUtcNow();
        await db.SelfReferralDrafts.Where(d => d.ExpiresAt < now).ExecuteDeleteAsync(cancel);
        var token = NewToken();
        db.SelfReferralDrafts.Add(new SelfReferralDraft { TokenHash = Hash(token), Answers = JsonSerializer.Serialize(answers, Json), ExpiresAt = now + DraftLifetime });
        await db.SaveChangesAsync(cancel);
        return token;
    }

    public static async Task<SelfReferralAnswers?> LoadAsync(PathwayDb db, string? token, CancellationToken cancel)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var hash = Hash(token);
        var now = db.Time().GetUtcNow();
        var json = await db.SelfReferralDrafts.AsNoTracking().Where(d => d.TokenHash == hash && d.ExpiresAt >= now).Select(d => d.Answers).SingleOrDefaultAsync(cancel);
        return json is null ? null : JsonSerializer.Deserialize<SelfReferralAnswers>(json, Json);
    }

    public static async Task SaveAsync(PathwayDb db, string token, SelfReferralAnswers answers, CancellationToken cancel)
    {
        var hash = Hash(token);
        var json = JsonSerializer.Serialize(answers, Json);
        await db.SelfReferralDrafts.Where(d => d.TokenHash == hash).ExecuteUpdateAsync(s => s.SetProperty(d => d.Answers, json), cancel);
    }

    /// <summary>The referral this form already made, if it was sent: what a resubmit or a second click gets back.</summary>
    public static Task<string?> SentReferenceAsync(PathwayDb db, string? token, CancellationToken cancel)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return Task.FromResult<string?>(null);
        var hash = Hash(token);
        return db.OnlineSelfReferrals.Where(r => r.SubmissionHash == hash).Select(r => r.Reference).SingleOrDefaultAsync(cancel);
    }

    /// <summary>
    /// Makes the referral through <see cref="ReferralIntake"/>, with its safe-contact details and any alcohol-check
    /// score, in one transaction. The unique submission hash makes it idempotent: a concurrent second send of the
    /// same form fails on that index, rolls back, and returns the first send's reference.
    /// </summary>
    public static async Task<string> SendAsync(PathwayDb db, string token, SelfReferralAnswers a, ServiceFor service, DateOnly today, CancellationToken cancel)
    {
        var hash = Hash(token);
        if (await SentReferenceAsync(db, token, cancel) is { } already) return already;

        var request = new ReferralRequest(a.GivenName!, a.FamilyName!, a.DateOfBirth!.Value, a.Sex!.Value, null, service.LocalAuthorityCode,
            service.District, a.ConsentNationalReporting, today, ReferralSource.OnlineSelf, a.Substance, a.ChoosesYoungPeoplesService,
            ContactOf(a));
        // Nobody is signed in: the history names the route the referral came by.
        var who = new Caseworker("online-self-referral", "Online self-referral", service.ProviderCode, null, false);
        var auditC = Scores(a.AuditCAnswers, 3);
        var audit = Scores(a.AuditAnswers, 10);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            var outcome = await ReferralIntake.ReferAsync(db, request, service.ProviderCode, who, cancel);
            var reference = NewReference();
            db.OnlineSelfReferrals.Add(new OnlineSelfReferral
            {
                Episode = outcome.Episode, Reference = reference, SubmissionHash = hash, SubmittedAt = db.Time().GetUtcNow(),
                HelpWith = a.HelpWith!, MoreDetail = a.MoreDetail, Phone = a.Phone, Email = a.Email, ContactBy = a.ContactBy!,
                VoicemailOk = a.VoicemailOk ?? false, TextOk = a.TextOk ?? false, SafeTimes = a.SafeTimes, SafeContactNote = a.SafeContactNote,
                FromAlcoholCheck = auditC is not null, AuditCScore = auditC is null ? null : AuditC.Score(auditC).Score,
                AuditScore = audit is null ? null : Audit.Score(audit).Score,
            });
            // The self-check's answers become the case's screening, marked by date like any other.
            if (auditC is not null)
                db.Screenings.Add(new Screening { Episode = outcome.Episode, Tool = ScreeningTool.AuditC, Date = today, Answers = string.Join(',', auditC), Score = AuditC.Score(auditC).Score });
            if (audit is not null)
                db.Screenings.Add(new Screening { Episode = outcome.Episode, Tool = ScreeningTool.Audit, Date = today, Answers = string.Join(',', audit), Score = Audit.Score(audit).Score });
            await db.SaveChangesAsync(cancel);
            await db.SelfReferralDrafts.Where(d => d.TokenHash == hash).ExecuteDeleteAsync(cancel);
            await transaction.CommitAsync(cancel);
            return reference;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await SentReferenceAsync(db, token, cancel) ?? throw new InvalidOperationException("The self-referral could not be saved.");
        }
    }

    /// <summary>
    /// The client's contact details from what the person gave: the same record a staff referral or the contact page
    /// keeps, so every client has one however they came. Only the postcode district was asked for, and the client
    /// record holds it; there is no full postcode to keep.
    /// </summary>
    public static ContactDetails ContactOf(SelfReferralAnswers a) => new()
    {
        Phone = a.Phone, Email = a.Email,
        ContactBy = Enum.TryParse<ContactMethod>(a.ContactBy, out var by) ? by : null,
        VoicemailOk = a.VoicemailOk, TextOk = a.TextOk, SafeTimes = a.SafeTimes, SafeContactNote = a.SafeContactNote,
    };

    /// <summary>Answers as points, checked against the questionnaire's own options; null when absent or not a valid set.</summary>
    public static int[]? Scores(string? answers, int count)
    {
        if (string.IsNullOrEmpty(answers) || answers.Length > 40) return null;
        var parts = answers.Split(',');
        if (parts.Length != count) return null;
        var points = new int[count];
        for (var i = 0; i < count; i++)
        {
            if (!int.TryParse(parts[i], out points[i]) || !Audit.Questions[i].Allows(points[i])) return null;
        }
        return points;
    }

    // No 0/O or 1/I/L: a reference read out over the phone should not be misheard.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private static string NewReference() =>
        "SR-" + string.Concat(Enumerable.Range(0, 8).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]));
}
