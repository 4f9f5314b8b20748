using Pathway.Infrastructure;
using System.Globalization;
using System.Net.Mail;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.People;
using Pathway.Referrals;

namespace Pathway.PublicSite.SelfReferral;

/// <summary>Everything the self-referral form can post. Strings throughout, so every answer is checked here, not by the binder.</summary>
public sealed class SelfReferralForm
{
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? DobDay { get; set; }
    public string? DobMonth { get; set; }
    public string? DobYear { get; set; }
    public string? Sex { get; set; }
    public string? Postcode { get; set; }
    public string? HelpWith { get; set; }
    public string? MoreDetail { get; set; }
    public string? YoungPeoples { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? ContactBy { get; set; }
    public string? Voicemail { get; set; }
    public string? Texts { get; set; }
    public string? SafeTimes { get; set; }
    public string? SafeContactNote { get; set; }
    public bool ConsentContact { get; set; }
    public bool ConsentNationalReporting { get; set; }
    /// <summary>The honeypot: hidden from people by CSS, so only a robot fills it in.</summary>
    public string? Website { get; set; }
}

/// <summary>
/// The online self-referral: about you, what you'd like help with, how to contact you safely, consent, check your
/// answers, sent. Plain forms and links, so it works without JavaScript.
/// </summary>
[AllowAnonymous]
[RequestSizeLimit(PublicForms.MaxRequestBytes)]
public partial class SelfReferralModel(PathwayDb db, ILogger<SelfReferralModel> log) : PageModel
{
    [BindProperty] public SelfReferralForm Input { get; set; } = new();
    public string Step { get; private set; } = "start";
    public SelfReferralAnswers Answers { get; private set; } = new();
    public string? Reference { get; private set; }
    public string? AreaName { get; private set; }

    public DateOnly Today => HttpContext.Today();

    // The draft cookie is scoped to /self-referral, so it cannot be __Host-; over HTTPS it is __Secure-.
    private string DraftCookie => Request.IsHttps ? "__Secure-" + SelfReferrals.Cookie : SelfReferrals.Cookie;
    private string? Token => Request.Cookies[DraftCookie];

    public async Task<IActionResult> OnGetAsync(string? step, CancellationToken cancel)
    {
        step ??= "start";
        if (step == "start") return Page();
        if (step == "sent")
        {
            Reference = await SelfReferrals.SentReferenceAsync(db, Token, cancel);
            if (Reference is null) return Redirect("/self-referral");
            Step = "sent";
            return Page();
        }
        if (step == "someone-else") { Step = step; return Page(); }
        if (!SelfReferralAnswers.Steps.Contains(step)) return NotFound();

        var answers = await SelfReferrals.LoadAsync(db, Token, cancel);
        if (answers is null)
            return await SelfReferrals.SentReferenceAsync(db, Token, cancel) is not null ? Redirect("/self-referral/sent") : Redirect("/self-referral");
        // Steps are answered in order: a later one cannot be reached before the earlier ones.
        if (Array.IndexOf(SelfReferralAnswers.Steps, step) > Array.IndexOf(SelfReferralAnswers.Steps, answers.NextStep()))
            return Redirect($"/self-referral/{answers.NextStep()}");
        Step = step;
        Answers = answers;
        Fill(answers);
        if (step == "check") AreaName = await AreaNameAsync(answers, cancel);
        return Page();
    }

    /// <summary>"Start now": a fresh draft, carrying the alcohol check's answers when the person came from there.</summary>
    public async Task<IActionResult> OnPostStartAsync(string? auditC, string? audit, CancellationToken cancel)
    {
        var answers = new SelfReferralAnswers();
        if (SelfReferrals.Scores(auditC, 3) is not null)
        {
            answers.AuditCAnswers = auditC;
            answers.AuditAnswers = SelfReferrals.Scores(audit, 10) is null ? null : audit;
            answers.HelpWith = "alcohol";
        }
        var token = await SelfReferrals.StartAsync(db, answers, cancel);
        Response.Cookies.Append(DraftCookie, token, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = Request.IsHttps, Path = "/self-referral", MaxAge = SelfReferrals.DraftLifetime,
            IsEssential = true,
        });
        return Redirect("/self-referral/about-you");
    }

    public async Task<IActionResult> OnPostAsync(string? step, CancellationToken cancel)
    {
        var answers = await SelfReferrals.LoadAsync(db, Token, cancel);
        if (answers is null)
            return await SelfReferrals.SentReferenceAsync(db, Token, cancel) is not null ? Redirect("/self-referral/sent") : Redirect("/self-referral");
        Step = step ?? "start";
        Answers = answers;
        if (!string.IsNullOrEmpty(Input.Website))
        {
            // A robot: say nothing useful, keep nothing.
            LogHoneypot(log);
            await db.SelfReferralDrafts.Where(d => d.TokenHash == SelfReferrals.Hash(Token!)).ExecuteDeleteAsync(cancel);
            Step = "refused";
            return Page();
        }
        switch (step)
        {
            case "about-you": await AboutYouAsync(answers, cancel); break;
            case "help": Help(answers); break;
            case "contact": Contact(answers); break;
            case "consent": Consent(answers); break;
            case "check": return await SendAsync(answers, cancel);
            default: return NotFound();
        }
        if (!ModelState.IsValid) return Page();
        await SelfReferrals.SaveAsync(db, Token!, answers, cancel);
        if (step == "help" && answers.HelpWith == "someone-else") return Redirect("/self-referral/someone-else");
        // After a change from the check page, straight back to it.
        return Redirect($"/self-referral/{answers.NextStep()}");
    }

    private async Task AboutYouAsync(SelfReferralAnswers a, CancellationToken cancel)
    {
        var given = Text(nameof(Input.GivenName), Input.GivenName, SelfReferralAnswers.NameLength, "Enter your first name");
        var family = Text(nameof(Input.FamilyName), Input.FamilyName, SelfReferralAnswers.NameLength, "Enter your last name");
        var dob = DateOfBirth();
        Sex? sex = Input.Sex switch { "Female" => People.Sex.Female, "Male" => People.Sex.Male, "Other" => People.Sex.Other, "NotStated" => People.Sex.NotStated, _ => null };
        if (sex is null) Error(nameof(Input.Sex), "Select your sex");
        var district = ServiceArea.DistrictOf(Input.Postcode);
        if (string.IsNullOrWhiteSpace(Input.Postcode)) Error(nameof(Input.Postcode), "Enter your postcode");
        else if (Input.Postcode.Length > 10 || district is null) Error(nameof(Input.Postcode), "Enter a real postcode, like SK1 3XE");
        else if (await ServiceArea.FindAsync(db, district, Today, cancel) is null)
            Error(nameof(Input.Postcode), "We cannot take online referrals for this postcode. Find a service near you on the 'Where to get help' page, or call 111");
        if (given is not null && family is not null && dob is not null)
        {
            // The single point of entry's own rules (names that give initials, an age we can serve).
            var probe = new ReferralRequest(given, family, dob.Value, sex ?? People.Sex.NotStated, null, "E08000000", null, false, Today, Episodes.ReferralSource.OnlineSelf, Episodes.Substance.Alcohol, false);
            foreach (var e in ReferralIntake.Validate(probe, Today))
                Error(e.Field switch { "GivenName" => nameof(Input.GivenName), "FamilyName" => nameof(Input.FamilyName), "DateOfBirth" => nameof(Input.DobDay), _ => "" },
                    e.Field == "DateOfBirth" ? "Your date of birth must be in the past, and you must be 10 or older" : e.Message.Replace("a given name", "your first name").Replace("a family name", "your last name"));
        }
        if (!ModelState.IsValid) return;
        a.GivenName = given; a.FamilyName = family; a.DateOfBirth = dob; a.Sex = sex; a.District = district;
        if (!a.MayChooseYoungPeoples(Today)) a.ChoosesYoungPeoplesService = false;
    }

    private DateOnly? DateOfBirth()
    {
        var parts = new[] { Input.DobDay, Input.DobMonth, Input.DobYear };
        if (parts.All(string.IsNullOrWhiteSpace)) { Error(nameof(Input.DobDay), "Enter your date of birth"); return null; }
        if (int.TryParse(Input.DobDay?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && int.TryParse(Input.DobMonth?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(Input.DobYear?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && y is >= 1900 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
            return new DateOnly(y, m, d);
        Error(nameof(Input.DobDay), "Date of birth must be a real date, like 27 3 1990");
        return null;
    }

    private void Help(SelfReferralAnswers a)
    {
        if (SelfReferralAnswers.HelpChoices.All(c => c.Code != Input.HelpWith)) Error(nameof(Input.HelpWith), "Select what you would like help with");
        var detail = Optional(nameof(Input.MoreDetail), Input.MoreDetail, SelfReferralAnswers.LongText);
        var young = a.MayChooseYoungPeoples(Today);
        if (young && Input.YoungPeoples is not ("yes" or "no")) Error(nameof(Input.YoungPeoples), "Select which service you would prefer");
        if (!ModelState.IsValid) return;
        a.HelpWith = Input.HelpWith;
        a.MoreDetail = detail;
        a.ChoosesYoungPeoplesService = young && Input.YoungPeoples == "yes";
    }

    private void Contact(SelfReferralAnswers a)
    {
        var phone = Optional(nameof(Input.Phone), Input.Phone, SelfReferralAnswers.PhoneLength);
        if (phone is not null && (phone.Count(char.IsAsciiDigit) is < 10 or > 13 || phone.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '+' or '(' or ')' or '-'))))
            Error(nameof(Input.Phone), "Enter a phone number, like 07700 900 982");
        var email = Optional(nameof(Input.Email), Input.Email, SelfReferralAnswers.EmailLength);
        if (email is not null && !(MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.')))
            Error(nameof(Input.Email), "Enter an email address in the correct format, like name@example.com");
        var by = SelfReferralAnswers.ContactChoices.Any(c => c.Code == Input.ContactBy) ? Input.ContactBy : null;
        if (by is null) Error(nameof(Input.ContactBy), "Select how you would like us to contact you");
        else if (by is "Phone" or "Text" && phone is null && !HasError(nameof(Input.Phone))) Error(nameof(Input.Phone), "Enter a phone number so we can contact you that way");
        else if (by == "Email" && email is null && !HasError(nameof(Input.Email))) Error(nameof(Input.Email), "Enter an email address so we can contact you that way");
        if (phone is not null && Input.Voicemail is not ("yes" or "no")) Error(nameof(Input.Voicemail), "Select whether we may leave a voicemail");
        if (phone is not null && Input.Texts is not ("yes" or "no")) Error(nameof(Input.Texts), "Select whether we may send you text messages");
        // The contact wishes must agree with each other: staff could not honour both "text me" and "do not text me".
        else if (by == "Text" && phone is not null && Input.Texts == "no")
            Error(nameof(Input.Texts), "You asked us to contact you by text message but also not to send texts: choose yes to texts, or another way to contact you");
        var times = Optional(nameof(Input.SafeTimes), Input.SafeTimes, SelfReferralAnswers.ShortText);
        var note = Optional(nameof(Input.SafeContactNote), Input.SafeContactNote, SelfReferralAnswers.LongText);
        if (!ModelState.IsValid) return;
        a.Phone = phone; a.Email = email; a.ContactBy = by;
        a.VoicemailOk = phone is null ? null : Input.Voicemail == "yes";
        a.TextOk = phone is null ? null : Input.Texts == "yes";
        a.SafeTimes = times; a.SafeContactNote = note;
    }

    private void Consent(SelfReferralAnswers a)
    {
        if (!Input.ConsentContact) Error(nameof(Input.ConsentContact), "Tick the box to agree that the service can contact you, or we cannot help");
        if (!ModelState.IsValid) return;
        a.ConsentContact = true;
        a.ConsentNationalReporting = Input.ConsentNationalReporting;
    }

    private async Task<IActionResult> SendAsync(SelfReferralAnswers a, CancellationToken cancel)
    {
        if (a.NextStep() != "check") return Redirect($"/self-referral/{a.NextStep()}");
        // The area's provider is found again at sending: a contract may have changed hands since the first page.
        var service = await ServiceArea.FindAsync(db, a.District!, Today, cancel);
        if (service is null)
        {
            Error("", "We cannot take online referrals for your postcode at the moment. Call 111 for advice");
            Fill(a);
            return Page();
        }
        await SelfReferrals.SendAsync(db, Token!, a, service, Today, cancel);
        LogSent(log);
        return Redirect("/self-referral/sent");
    }

    private async Task<string?> AreaNameAsync(SelfReferralAnswers a, CancellationToken cancel) =>
        a.District is null ? null : (await ServiceArea.FindAsync(db, a.District, Today, cancel))?.LocalAuthorityName;

    private void Fill(SelfReferralAnswers a)
    {
        Input.GivenName = a.GivenName; Input.FamilyName = a.FamilyName;
        Input.DobDay = a.DateOfBirth?.Day.ToString(CultureInfo.InvariantCulture);
        Input.DobMonth = a.DateOfBirth?.Month.ToString(CultureInfo.InvariantCulture);
        Input.DobYear = a.DateOfBirth?.Year.ToString(CultureInfo.InvariantCulture);
        Input.Sex = a.Sex?.ToString(); Input.Postcode = a.District;
        Input.HelpWith = a.HelpWith; Input.MoreDetail = a.MoreDetail;
        Input.YoungPeoples = a.HelpDone && a.MayChooseYoungPeoples(Today) ? (a.ChoosesYoungPeoplesService ? "yes" : "no") : null;
        Input.Phone = a.Phone; Input.Email = a.Email; Input.ContactBy = a.ContactBy;
        Input.Voicemail = a.VoicemailOk is { } v ? (v ? "yes" : "no") : null;
        Input.Texts = a.TextOk is { } t ? (t ? "yes" : "no") : null;
        Input.SafeTimes = a.SafeTimes; Input.SafeContactNote = a.SafeContactNote;
        Input.ConsentContact = a.ConsentContact; Input.ConsentNationalReporting = a.ConsentNationalReporting;
    }

    private void Error(string field, string message) => ModelState.AddModelError(field.Length == 0 ? "" : $"Input.{field}", message);

    // Every posted field has a ModelState entry: a field already refused is one whose entry holds an error.
    private bool HasError(string field) => ModelState.TryGetValue($"Input.{field}", out var entry) && entry.Errors.Count > 0;

    private string? Text(string field, string? value, int max, string missing)
    {
        if (string.IsNullOrWhiteSpace(value)) { Error(field, missing); return null; }
        return Optional(field, value, max);
    }

    private string? Optional(string field, string? value, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > max) { Error(field, $"{PublicForms.Label(field)} must be {max} characters or fewer"); return null; }
        return trimmed;
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "An online self-referral was sent")]
    private static partial void LogSent(ILogger logger);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "A self-referral form filled the honeypot field and was discarded")]
    private static partial void LogHoneypot(ILogger logger);
}
