using Standing.Enforcement.Cases;
using Standing.Enforcement.Disputes;
using Standing.Enforcement.Machines;

namespace Standing.Server.Web;

/// <summary>How the seller pages name a case, say what to do about it, and name the reinstatement conditions and dispute states.</summary>
public static class CaseText
{
    public static string Kind(string kind) => CaseKinds.Family(kind) switch
    {
        CaseKinds.Warning => Texts.Say("Customer service warning"),
        CaseKinds.SuspensionProposal => Texts.Say("Suspension proposal"),
        CaseKinds.CatalogExclusion => Texts.Say("Excluded from the catalog"),
        CaseKinds.Letter => Texts.Say("Improvement letter"),
        CaseKinds.ActivityRestriction => Texts.Say("Activity restriction"),
        CaseKinds.TrustBadge => Texts.Say("Trust badge"),
        CaseKinds.Violation => Texts.Say("Violation record"),
        CaseKinds.AttitudePenalty => Texts.Say("Service attitude penalty"),
        _ => Texts.Say("Case"),
    };

    public static string WhatToDo(string kind) => CaseKinds.Family(kind) switch
    {
        CaseKinds.Warning => Texts.Say("Bring the order defect rate under 1%. The shop is re-evaluated on the due date; a shop still over the limit may be suspended. Dispute orders that should not count."),
        CaseKinds.SuspensionProposal => Texts.Say("A person decides whether to suspend the shop. Keep improving, and dispute orders that should not count."),
        CaseKinds.CatalogExclusion => Texts.Say("Your products are out of the catalog until a re-check finds every condition below met. Work through the negative reviews and send an improvement letter before the re-check day."),
        CaseKinds.Letter => Texts.Say("The marketplace answers your letter by the due date."),
        CaseKinds.ActivityRestriction => Texts.Say("No platform activities until a half-month assessment passes."),
        CaseKinds.TrustBadge => Texts.Say("Keep the trust index at 80 or more to keep the badge."),
        CaseKinds.Violation or CaseKinds.AttitudePenalty => Texts.Say("A violation was recorded; the marketplace decides on its handling or fine."),
        _ => Texts.Say("The marketplace reviews this case."),
    };

    public static string Condition(string id) => id switch
    {
        ReinstatementChecklist.Worked => Texts.Say("Every negative review resolved with the buyer or commented"),
        ReinstatementChecklist.Improved => Texts.Say("New positive reviews, and the rating went up"),
        ReinstatementChecklist.NoFakes => Texts.Say("No fake reviews"),
        ReinstatementChecklist.Letter => Texts.Say("An improvement letter (problem → solution) received by the re-check day"),
        ReinstatementChecklist.NothingNew => Texts.Say("No new negative reviews or complaints since the exclusion"),
        _ => id,
    };

    /// <summary>
    /// How a reinstatement condition stands, in the words of the pack's notice text for it (<c>condition.ID.VARIANT</c>)
    /// when the pack gives that text in the page's language; else the machine's English detail.
    /// </summary>
    public static (string Text, bool InLanguage) ConditionDetail(Standing.Core.Policies.Policy policy, ChecklistItem item, PageLanguage language)
    {
        if (language.Code != PageLanguage.English.Code && policy.Notices.FirstOrDefault(n => n.Kind == item.TextKind) is { } text
            && text.Title.TryGetValue(language.Code, out var phrase))
            return (NoticeText.Fill(phrase, item.Values(language.Code)), true);
        return (item.Detail, language.Code == PageLanguage.English.Code);
    }

    /// <summary>A case's state in words (the state's id when a policy's machine uses one not listed here).</summary>
    public static string State(string state) => state switch
    {
        CaseStates.Issued => Texts.Say("Issued"),
        CaseStates.Escalated => Texts.Say("Escalated"),
        CaseStates.Resolved => Texts.Say("Resolved"),
        CaseStates.Withdrawn => Texts.Say("Withdrawn"),
        CaseStates.Proposed => Texts.Say("Proposed: awaiting a decision"),
        CaseStates.Confirmed => Texts.Say("Confirmed"),
        CaseStates.Dismissed => Texts.Say("Dismissed"),
        CaseStates.Excluded => Texts.Say("Excluded"),
        CaseStates.Reinstated => Texts.Say("Reinstated"),
        CaseStates.Restricted => Texts.Say("Restricted"),
        CaseStates.Lifted => Texts.Say("Lifted"),
        CaseStates.AwaitingAnswer => Texts.Say("Awaiting the marketplace's answer"),
        CaseStates.Answered => Texts.Say("Answered"),
        CaseStates.Granted => Texts.Say("Granted"),
        CaseStates.Recorded => Texts.Say("Recorded: awaiting handling"),
        CaseStates.Handled => Texts.Say("Handled"),
        CaseStates.Cleared => Texts.Say("Cleared"),
        CaseStates.AwaitingFine => Texts.Say("Awaiting the fine decision"),
        CaseStates.Fined => Texts.Say("Fined"),
        CaseStates.Open => Texts.Say("In progress"),
        CaseStates.AwaitingDecision => Texts.Say("Awaiting a decision"),
        CaseStates.Sent => Texts.Say("Sent"),
        _ => state,
    };

    public static string DisputeState(string state) => state switch
    {
        Dispute.Open => Texts.Say("Open: awaiting a decision"),
        Dispute.Accepted => Texts.Say("Accepted: no longer counts"),
        Dispute.Rejected => Texts.Say("Rejected: still counts"),
        _ => state,
    };
}
