using Pathway.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Assessments;
using Pathway.Data;
using Pathway.PublicSite.SelfReferral;

namespace Pathway.PublicSite.AlcoholCheck;

/// <summary>
/// The public alcohol self-check: AUDIT-C, then the rest of AUDIT when AUDIT-C is positive. Scored by
/// <see cref="Assessments.Audit"/> and <see cref="AuditC"/>, never here. Nothing about the person is stored:
/// the answers travel in the form, and only an anonymous daily count records that a check was completed.
/// </summary>
[AllowAnonymous]
[RequestSizeLimit(PublicForms.MaxRequestBytes)]
public class AlcoholCheckModel(PathwayDb db) : PageModel
{
    public IReadOnlyList<ScreeningQuestion> Questions => Audit.Questions;
    /// <summary>"start", "more" (the seven further questions), or "result".</summary>
    public string Stage { get; private set; } = "start";
    public int[] Answers { get; private set; } = [];
    public int? AuditCScore { get; private set; }
    public int? AuditScore { get; private set; }
    public string AnswerList => string.Join(',', Answers);
    public string AuditCAnswerList => string.Join(',', Answers.Take(3));

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        var count = Request.Form["more"] == "true" ? 10 : 3;
        var answers = new int[count];
        for (var i = 0; i < count; i++)
        {
            var posted = Request.Form[$"q{i + 1}"].ToString();
            if (posted.Length > 2 || !int.TryParse(posted, out answers[i]) || !Audit.Questions[i].Allows(answers[i]))
                ModelState.AddModelError($"q{i + 1}", $"Select an answer to question {i + 1}");
        }
        Answers = answers;
        if (!ModelState.IsValid)
        {
            Stage = count == 3 ? "start" : "more";
            return Page();
        }
        AuditCScore = AuditC.Score(answers.Take(3).ToList()).Score;
        if (count == 3)
        {
            await CountCompletedAsync(cancel);
            Stage = AuditCScore >= 5 ? "more" : "result";
            return Page();
        }
        AuditScore = Audit.Score(answers).Score;
        Stage = "result";
        return Page();
    }

    /// <summary>One more completed check today: a number, with nothing to say whose.</summary>
    private async Task CountCompletedAsync(CancellationToken cancel)
    {
        var today = HttpContext.Today();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await db.AlcoholCheckCounts.Where(c => c.Date == today).ExecuteUpdateAsync(s => s.SetProperty(c => c.Completed, c => c.Completed + 1), cancel) > 0) return;
            try
            {
                db.AlcoholCheckCounts.Add(new AlcoholCheckCount { Date = today, Completed = 1 });
                await db.SaveChangesAsync(cancel);
                return;
            }
            catch (DbUpdateException)
            {
                // Another check made today's row first: add to it instead.
                db.ChangeTracker.Clear();
            }
        }
    }

    public static string Meaning(string zone) => zone switch
    {
        Audit.LowerRisk => "Your drinking is at a lower risk of harming you.",
        Audit.IncreasingRisk => "Your drinking is increasing your risk of harm. Cutting down now can make a real difference.",
        Audit.HigherRisk => "Your drinking is at a higher risk of harming your health. It would help to talk to someone about cutting down.",
        _ => "Your answers suggest you may be dependent on alcohol. Please talk to a service before you stop or cut down: stopping suddenly can be dangerous.",
    };
}
