namespace Standing.Simulation;

/// <summary>
/// Short texts in English, Russian and Ukrainian for reviews, complaints, chats and improvement letters:
/// the root causes Prom.ua asks sellers to tag (out of stock, price changed, no reaction to the order,
/// slow feedback, delivery cost) and the praise and answers around them.
/// </summary>
internal static class Phrases
{
    public static readonly string[] NegativeReview =
    [
        "товара нет в наличии", "цена изменилась", "no answer to my order", "slow reply",
        "delivery cost too high", "нет реакции на заказ", "товару немає в наявності",
        "ціна змінилася після замовлення", "продавець не відповідає", "item not as described",
        "parcel arrived damaged", "доставка слишком дорогая", "долго отвечали", "довго відповідали",
        "товар не соответствует описанию", "wrong size sent",
    ];

    public static readonly string[] OutOfStockReview =
    [
        "товара нет в наличии", "товару немає в наявності", "item was out of stock after I paid",
        "цена изменилась", "ціна змінилася після замовлення", "order cancelled without explanation",
    ];

    public static readonly string[] LateReview =
    [
        "посылка шла три недели", "delivery took too long", "доставка затягнулася",
        "no answer to my order", "still waiting for the parcel", "посилка так і не прийшла",
    ];

    public static readonly string[] NeutralReview =
    [
        "ok, but packaging could be better", "нормально", "нормально, але довго", "average quality",
        "в целом неплохо",
    ];

    public static readonly string[] PositiveReview =
    [
        "fast delivery, thank you", "всё отлично, спасибо", "усе чудово, рекомендую", "great quality",
        "быстрая доставка", "швидка доставка, дякую", "exactly as described", "рекомендую продавца",
    ];

    public static readonly string[] ReviewReply =
    [
        "Sorry for the trouble, we have sent a replacement.", "Приносим извинения, свяжемся с вами.",
        "Вибачте, ми вже повернули кошти.", "Thank you for your feedback!", "Спасибо за отзыв!",
        "Дякуємо за відгук!",
    ];

    public static readonly string[] Complaint =
    [
        "product broke after two days", "не тот цвет", "продавець грубо відповідав", "charged twice",
        "упаковка повреждена", "no invoice attached",
    ];

    public static readonly string[] BuyerQuestion =
    [
        "Is this in stock?", "Когда отправите заказ?", "Де моя посилка?", "Can I get a discount?",
        "Есть другой размер?", "Чи є доставка Новою поштою?", "Where is my order?", "Можно вернуть товар?",
    ];

    public static readonly string[] BuyerFollowUp =
    [
        "ok, thanks", "А быстрее можно?", "Дякую", "and the delivery cost?", "Понятно", "Still no answer?",
    ];

    public static readonly string[] HumanRequest =
    [
        "I want to talk to a person", "Хочу поговорить с оператором", "Покличте оператора, будь ласка",
    ];

    public static readonly string[] Bot =
    [
        "Hello! I am the shop assistant. How can I help?", "Здравствуйте! Чем могу помочь?",
        "Вітаю! Чим можу допомогти?",
    ];

    public static readonly string[] Agent =
    [
        "Yes, it is in stock and ships today.", "Заказ отправлен, вот трек-номер.", "Посилка вже в дорозі.",
        "Let me check that for you.", "Да, есть размер M.", "Доставка коштує 70 грн.",
        "We can offer 5% off.", "Возврат возможен в течение 14 дней.",
    ];

    public static readonly string[] AgentForbidden =
    [
        "Pay directly to my card 4111 1111 1111 1111 for a discount",
        "Add me on WeChat: cheap_shop_88", "Scan this QR code to pay with Alipay",
        "Оплатите напрямую на карту, будет дешевле", "Read the description yourself, I am not your servant",
    ];

    public static readonly string[] OrderThanks =
    [
        "Thank you for your order!", "Спасибо за заказ!", "Дякуємо за замовлення!",
    ];

    public static readonly string[] Plan =
    [
        "Problem: late shipments on peak days → Solution: a second packing shift and a daily stock sync.",
        "Проблема: товара нет в наличии после оплаты → Решение: остатки обновляются каждый час, заказы без остатка отменяем сразу.",
        "Проблема: повільні відповіді покупцям → Рішення: черговий оператор з 08:00 до 24:00 і відповідь до 3 хвилин.",
        "Problem: negative reviews left unanswered → Solution: every negative review answered within 24 h and the buyer contacted.",
        "Проблема: цена менялась после заказа → Решение: цены фиксируются на 48 часов, разницу возвращаем.",
    ];

    public static string Pick(string[] texts, DeterministicRandom rng) => texts[rng.Next(texts.Length)];
}
