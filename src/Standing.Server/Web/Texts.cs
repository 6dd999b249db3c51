namespace Standing.Server.Web;

/// <summary>
/// Every label and message of the pages, keyed by its English text, in French, Russian, Ukrainian,
/// Chinese and Polish (the order of <see cref="Order"/>). A key missing here is shown in English; a
/// test checks that every text the pages ask for is here, in all five.
/// </summary>
public static partial class Texts
{
    public static readonly string[] Order = ["fr", "ru", "uk", "zh", "pl"];

    /// <summary>The text in the language (English when the language is English or the text unknown).</summary>
    public static string In(PageLanguage language, string english)
    {
        var index = Array.IndexOf(Order, language.Code);
        return index >= 0 && Table.TryGetValue(english, out var translations) ? translations[index] : english;
    }

    /// <summary>Marks a text a page model hands to its view to translate (so the test finds it); returns it as it is.</summary>
    public static string Say(string english) => english;

    public static bool Has(string english) => Table.ContainsKey(english);

    public static IEnumerable<KeyValuePair<string, string[]>> All => Table;

    private static readonly Dictionary<string, string[]> Table = new(StringComparer.Ordinal)
    {
        // The frame of every page.
        ["Skip to content"] = ["Aller au contenu", "Перейти к содержанию", "Перейти до змісту", "跳到正文", "Przejdź do treści"],
        ["Seller standing"] = ["Performance vendeur", "Показатели продавца", "Показники продавця", "卖家表现", "Wyniki sprzedawcy"],
        ["Signed in as"] = ["Connecté en tant que", "Вы вошли как", "Ви увійшли як", "当前登录", "Zalogowano jako"],
        ["Sign out"] = ["Se déconnecter", "Выйти", "Вийти", "退出", "Wyloguj się"],
        ["Sign in"] = ["Se connecter", "Войти", "Увійти", "登录", "Zaloguj się"],
        ["Language"] = ["Langue", "Язык", "Мова", "语言", "Język"],
        ["Change"] = ["Changer", "Сменить", "Змінити", "切换", "Zmień"],
        ["Main"] = ["Principal", "Главное", "Головне", "主导航", "Główna"],
        ["My standing"] = ["Ma performance", "Мои показатели", "Мої показники", "我的表现", "Moje wyniki"],
        ["Overview"] = ["Vue d’ensemble", "Обзор", "Огляд", "概览", "Przegląd"],
        ["Sellers"] = ["Vendeurs", "Продавцы", "Продавці", "卖家", "Sprzedawcy"],
        ["Cases"] = ["Dossiers", "Дела", "Справи", "案件", "Sprawy"],
        ["Disputes"] = ["Contestations", "Оспаривания", "Оскарження", "申诉", "Odwołania"],
        ["Policies"] = ["Politiques", "Политики", "Політики", "政策", "Zasady"],
        ["Keys"] = ["Clés", "Ключи", "Ключі", "密钥", "Klucze"],
        ["Backtests"] = ["Rétro-tests", "Бэктесты", "Бектести", "回测", "Testy wsteczne"],
        ["role"] = ["rôle", "роль", "роль", "角色", "rola"],
        ["Seller"] = ["Vendeur", "Продавец", "Продавець", "卖家", "Sprzedawca"],
        ["Open"] = ["Ouvrir", "Открыть", "Відкрити", "打开", "Otwórz"],
        ["Home"] = ["Accueil", "Главная", "Головна", "首页", "Strona główna"],

        // A large store's page whose figures are being computed (BeingComputed).
        ["The figures of this page are being computed for every seller. The page reloads by itself in a few seconds; you can also reload it."] =
        [
            "Les chiffres de cette page sont en cours de calcul pour tous les vendeurs. La page se recharge d’elle-même dans quelques secondes ; vous pouvez aussi la recharger.",
            "Показатели этой страницы вычисляются для всех продавцов. Страница обновится сама через несколько секунд; её можно обновить и вручную.",
            "Показники цієї сторінки обчислюються для всіх продавців. Сторінка оновиться сама за кілька секунд; її можна оновити й вручну.",
            "正在为所有卖家计算本页的数据。页面将在几秒后自动刷新；您也可以手动刷新。",
            "Dane tej strony są obliczane dla wszystkich sprzedawców. Strona odświeży się sama za kilka sekund; możesz też odświeżyć ją ręcznie.",
        ],
        ["Reload"] = ["Recharger", "Обновить", "Оновити", "刷新", "Odśwież"],

        // Sign-in.
        ["Paste your API key to sign in. The key is checked once and never stored in your browser: you get a session that ends when you sign out."] =
        [
            "Collez votre clé d’API pour vous connecter. La clé est vérifiée une fois et jamais conservée dans votre navigateur : vous obtenez une session qui prend fin à la déconnexion.",
            "Вставьте ключ API, чтобы войти. Ключ проверяется один раз и не хранится в браузере: вы получаете сеанс, который завершается при выходе.",
            "Вставте ключ API, щоб увійти. Ключ перевіряється один раз і не зберігається в браузері: ви отримуєте сеанс, який завершується під час виходу.",
            "粘贴您的 API 密钥以登录。密钥只校验一次，不会保存在浏览器中：您将获得一个会话，退出时结束。",
            "Wklej klucz API, aby się zalogować. Klucz jest sprawdzany raz i nie jest przechowywany w przeglądarce: otrzymujesz sesję, która kończy się po wylogowaniu.",
        ],
        ["API key"] = ["Clé d’API", "Ключ API", "Ключ API", "API 密钥", "Klucz API"],
        ["Enter your API key."] = ["Saisissez votre clé d’API.", "Введите ключ API.", "Введіть ключ API.", "请输入 API 密钥。", "Wpisz klucz API."],
        ["This key is not known to this server."] = ["Cette clé n’est pas connue de ce serveur.", "Этот ключ неизвестен серверу.", "Цей ключ невідомий серверу.", "此服务器不认识该密钥。", "Ten klucz nie jest znany temu serwerowi."],
        ["This key was revoked."] = ["Cette clé a été révoquée.", "Этот ключ отозван.", "Цей ключ відкликано.", "该密钥已被撤销。", "Ten klucz został unieważniony."],
        ["An integration key only sends events; the pages need a seller, reviewer, operator or admin key."] =
        [
            "Une clé d’intégration sert seulement à envoyer des événements ; les pages demandent une clé de vendeur, de relecteur, d’opérateur ou d’administrateur.",
            "Ключ интеграции только отправляет события; для страниц нужен ключ продавца, рецензента, оператора или администратора.",
            "Ключ інтеграції лише надсилає події; для сторінок потрібен ключ продавця, рецензента, оператора або адміністратора.",
            "集成密钥只能发送事件；页面需要卖家、审核员、运营或管理员密钥。",
            "Klucz integracji służy tylko do wysyłania zdarzeń; strony wymagają klucza sprzedawcy, recenzenta, operatora lub administratora.",
        ],
        ["This key belongs to another marketplace than this server's store."] =
        [
            "Cette clé appartient à une autre place de marché que celle de ce serveur.",
            "Этот ключ относится к другой торговой площадке, не к хранилищу этого сервера.",
            "Цей ключ належить іншому маркетплейсу, не сховищу цього сервера.",
            "该密钥属于另一个平台，而非此服务器的数据。",
            "Ten klucz należy do innego marketplace’u niż dane tego serwera.",
        ],
        ["Your session has ended. Sign in again."] = ["Votre session a pris fin. Reconnectez-vous.", "Ваш сеанс завершён. Войдите снова.", "Ваш сеанс завершено. Увійдіть знову.", "您的会话已结束，请重新登录。", "Twoja sesja wygasła. Zaloguj się ponownie."],
        ["You have signed out."] = ["Vous êtes déconnecté.", "Вы вышли.", "Ви вийшли.", "您已退出。", "Wylogowano."],

        // The seller pages.
        ["The standards this seller is held to. Open one to see each metric, its trend, the items that counted and the cases."] =
        [
            "Les standards auxquels ce vendeur est soumis. Ouvrez-en un pour voir chaque indicateur, son évolution, les éléments comptés et les dossiers.",
            "Стандарты, которым должен соответствовать продавец. Откройте стандарт, чтобы увидеть каждый показатель, его динамику, учтённые позиции и дела.",
            "Стандарти, яким має відповідати продавець. Відкрийте стандарт, щоб побачити кожен показник, його динаміку, враховані позиції та справи.",
            "该卖家需遵守的标准。打开一项可查看每个指标、其趋势、计入的条目和案件。",
            "Standardy, których musi przestrzegać ten sprzedawca. Otwórz jeden, aby zobaczyć każdy wskaźnik, jego trend, policzone pozycje i sprawy.",
        ],
        ["Standards"] = ["Standards", "Стандарты", "Стандарти", "标准", "Standardy"],
        ["Standard"] = ["Standard", "Стандарт", "Стандарт", "标准", "Standard"],
        ["Status"] = ["Statut", "Статус", "Статус", "状态", "Status"],
        ["Metrics"] = ["Indicateurs", "Показатели", "Показники", "指标", "Wskaźniki"],
        ["Open cases"] = ["Dossiers ouverts", "Открытые дела", "Відкриті справи", "未结案件", "Otwarte sprawy"],
        ["As of"] = ["Au", "По состоянию на", "Станом на", "截至", "Stan na"],
        ["The date in the address (asOf) could not be read, so the page shows the latest figures."] = ["La date de l’adresse (asOf) n’a pas pu être lue : la page montre donc les derniers chiffres.", "Дату в адресе (asOf) не удалось прочитать, поэтому страница показывает последние данные.", "Дату в адресі (asOf) не вдалося прочитати, тому сторінка показує останні дані.", "无法读取地址中的日期（asOf），因此页面显示最新数据。", "Nie udało się odczytać daty w adresie (asOf), więc strona pokazuje najnowsze dane."],
        ["Good"] = ["Bon", "Хорошо", "Добре", "良好", "Dobrze"],
        ["At risk"] = ["À risque", "Под угрозой", "Під загрозою", "有风险", "Zagrożone"],
        ["Breach"] = ["Non conforme", "Нарушение", "Порушення", "违规", "Naruszenie"],
        ["Too few items to judge"] = ["Trop peu d’éléments pour juger", "Слишком мало данных для оценки", "Замало даних для оцінки", "数据太少，无法评估", "Za mało pozycji do oceny"],
        ["Target"] = ["Objectif", "Цель", "Мета", "目标", "Cel"],
        ["Breach when"] = ["Non conforme si", "Нарушение, если", "Порушення, якщо", "违规条件", "Naruszenie, gdy"],
        ["A count the standard's rules read"] = ["Un compte que lisent les règles du standard", "Счётчик для правил стандарта", "Лічильник для правил стандарту", "供标准规则使用的计数", "Licznik, z którego korzystają reguły standardu"],
        ["Judged"] = ["Évalué", "Оценка", "Оцінка", "评估方式", "Ocena"],
        ["against the other sellers"] = ["par rapport aux autres vendeurs", "в сравнении с другими продавцами", "порівняно з іншими продавцями", "与其他卖家比较", "na tle innych sprzedawców"],
        ["marketplace rate"] = ["taux de la place de marché", "показатель площадки", "показник маркетплейсу", "平台整体比率", "wskaźnik marketplace’u"],
        ["Counted"] = ["Comptés", "Учтено", "Враховано", "计入", "Policzone"],
        ["Pending"] = ["En attente", "В ожидании", "Очікують", "待定", "Oczekujące"],
        ["Window"] = ["Période", "Период", "Період", "统计周期", "Okres"],
        // A metric's forecast on the seller's page (docs/foresight.md).
        ["Forecast"] = ["Prévision", "Прогноз", "Прогноз", "预测", "Prognoza"],
        ["Time to recovery"] = ["Délai de rétablissement", "Время до восстановления", "Час до відновлення", "恢复时间", "Czas do poprawy"],
        ["Error budget"] = ["Marge d’erreur", "Запас на ошибки", "Запас на помилки", "容错余量", "Budżet błędów"],
        ["Defects leaving the window"] = ["Défauts qui sortent de la période", "Дефекты, выходящие из периода", "Дефекти, що виходять з періоду", "移出统计周期的缺陷", "Wady wychodzące z okresu"],
        ["None within the forecast."] = ["Aucun dans la prévision.", "Нет в пределах прогноза.", "Немає в межах прогнозу.", "预测期内没有。", "Brak w okresie prognozy."],
        ["Already good."] = ["Déjà conforme.", "Уже в норме.", "Уже в нормі.", "已经达标。", "Już w normie."],
        ["Good again on {0} (days from now: {1}) if nothing new goes wrong."] =
        [
            "De nouveau conforme le {0} (jours à partir d’aujourd’hui : {1}) si rien de nouveau ne se passe mal.",
            "Снова в норме {0} (дней с сегодняшнего дня: {1}), если не случится новых проблем.",
            "Знову в нормі {0} (днів від сьогодні: {1}), якщо не станеться нових проблем.",
            "如果不再出现新问题，将于 {0} 恢复达标（距今天数：{1}）。",
            "Znów w normie {0} (dni od dziś: {1}), jeśli nic nowego nie pójdzie źle.",
        ],
        ["Not good again within the forecast's horizon (days: {0}) if nothing changes."] =
        [
            "Pas de nouveau conforme dans l’horizon de la prévision (jours : {0}) si rien ne change.",
            "Не вернётся в норму в пределах прогноза (дней: {0}), если ничего не изменится.",
            "Не повернеться в норму в межах прогнозу (днів: {0}), якщо нічого не зміниться.",
            "如果情况不变，在预测范围内（天数：{0}）不会恢复达标。",
            "Nie wróci do normy w okresie prognozy (dni: {0}), jeśli nic się nie zmieni.",
        ],
        ["Not enough data to forecast."] = ["Pas assez de données pour une prévision.", "Недостаточно данных для прогноза.", "Недостатньо даних для прогнозу.", "数据不足，无法预测。", "Za mało danych do prognozy."],
        ["No forecast for this metric."] = ["Pas de prévision pour cet indicateur.", "Для этого показателя прогноза нет.", "Для цього показника прогнозу немає.", "此指标没有预测。", "Brak prognozy dla tego wskaźnika."],
        ["None: already in breach."] = ["Aucune : déjà non conforme.", "Нет: нарушение уже есть.", "Немає: порушення вже є.", "无：已经违规。", "Brak: naruszenie już jest."],
        ["More defects it can take at the current volume before a breach: {0}."] =
        [
            "Défauts supplémentaires possibles au volume actuel avant une non-conformité : {0}.",
            "Сколько ещё дефектов допустимо при нынешнем объёме до нарушения: {0}.",
            "Скільки ще дефектів допустимо за нинішнього обсягу до порушення: {0}.",
            "按当前订单量，在违规前还可承受的缺陷数：{0}。",
            "Ile jeszcze wad można mieć przy obecnym wolumenie przed naruszeniem: {0}.",
        ],
        ["Not defined for this metric now."] = ["Non défini pour cet indicateur à présent.", "Сейчас для этого показателя не определён.", "Зараз для цього показника не визначено.", "此指标目前无定义。", "Obecnie nieokreślony dla tego wskaźnika."],
        ["last 90 days"] = ["90 derniers jours", "последние 90 дней", "останні 90 днів", "最近 90 天", "ostatnie 90 dni"],
        ["Items that counted"] = ["Éléments comptés", "Учтённые позиции", "Враховані позиції", "计入的条目", "Policzone pozycje"],
        ["Item"] = ["Élément", "Позиция", "Позиція", "条目", "Pozycja"],
        ["Why it counted"] = ["Pourquoi il compte", "Почему учтено", "Чому враховано", "计入原因", "Dlaczego policzono"],
        ["Dispute"] = ["Contester", "Оспорить", "Оскаржити", "申诉", "Odwołaj się"],
        ["Why should it not count?"] = ["Pourquoi ne devrait-il pas compter ?", "Почему это не должно учитываться?", "Чому це не має враховуватися?", "为什么不应计入？", "Dlaczego nie powinno się liczyć?"],
        ["Open the dispute"] = ["Ouvrir la contestation", "Открыть оспаривание", "Відкрити оскарження", "提交申诉", "Złóż odwołanie"],
        ["No item counted against this seller."] = ["Aucun élément n’a compté contre ce vendeur.", "Против этого продавца ничего не учтено.", "Проти цього продавця нічого не враховано.", "没有条目计入该卖家的指标。", "Żadna pozycja nie została policzona na niekorzyść tego sprzedawcy."],
        ["Pages of items"] = ["Pages d’éléments", "Страницы позиций", "Сторінки позицій", "条目分页", "Strony pozycji"],
        ["Previous"] = ["Précédente", "Назад", "Назад", "上一页", "Poprzednia"],
        ["Page"] = ["Page", "Страница", "Сторінка", "页", "Strona"],
        ["Next"] = ["Suivante", "Далее", "Далі", "下一页", "Następna"],
        ["No open case."] = ["Aucun dossier ouvert.", "Открытых дел нет.", "Відкритих справ немає.", "没有未结案件。", "Brak otwartych spraw."],
        ["Opened"] = ["Ouvert le", "Открыто", "Відкрито", "开启于", "Otwarto"],
        ["Due"] = ["Échéance", "Срок", "Термін", "截止", "Termin"],
        ["Performance summary"] = ["Résumé des performances", "Сводка показателей", "Зведення показників", "表现摘要", "Podsumowanie wyników"],
        ["What to improve"] = ["Ce qu’il faut améliorer", "Что улучшить", "Що покращити", "改进建议", "Co poprawić"],
        ["Reinstatement checklist"] = ["Conditions de réintégration", "Условия восстановления", "Умови відновлення", "恢复条件清单", "Warunki przywrócenia"],
        ["Met"] = ["Rempli", "Выполнено", "Виконано", "已满足", "Spełniony"],
        ["Not met"] = ["Non rempli", "Не выполнено", "Не виконано", "未满足", "Niespełniony"],
        ["Improvement letter"] = ["Lettre d’amélioration", "Письмо об улучшениях", "Лист про покращення", "整改说明", "Pismo naprawcze"],
        ["The problem: what went wrong"] = ["Le problème : ce qui n’a pas fonctionné", "Проблема: что пошло не так", "Проблема: що пішло не так", "问题：出了什么问题", "Problem: co poszło nie tak"],
        ["The solution: what you changed so it does not happen again"] = ["La solution : ce que vous avez changé pour que cela ne se reproduise pas", "Решение: что вы изменили, чтобы это не повторилось", "Рішення: що ви змінили, щоб це не повторилося", "解决方案：您做了哪些改变以避免再次发生", "Rozwiązanie: co zmieniono, aby to się nie powtórzyło"],
        ["Send the letter"] = ["Envoyer la lettre", "Отправить письмо", "Надіслати лист", "提交说明", "Wyślij pismo"],
        ["The marketplace's message"] = ["Le message de la place de marché", "Сообщение площадки", "Повідомлення маркетплейсу", "平台通知", "Wiadomość od marketplace’u"],
        ["Closed cases"] = ["Dossiers clos", "Закрытые дела", "Закриті справи", "已结案件", "Zamknięte sprawy"],
        ["No dispute under this standard."] = ["Aucune contestation pour ce standard.", "По этому стандарту оспариваний нет.", "За цим стандартом оскаржень немає.", "该标准下没有申诉。", "Brak odwołań w ramach tego standardu."],
        ["Reason"] = ["Motif", "Причина", "Причина", "理由", "Powód"],
        ["Outcome"] = ["Résultat", "Итог", "Результат", "结果", "Wynik"],
        ["Your dispute is open. An operator will accept or reject it; an accepted one no longer counts."] =
        [
            "Votre contestation est ouverte. Un opérateur l’acceptera ou la rejettera ; acceptée, l’élément ne comptera plus.",
            "Оспаривание открыто. Оператор примет или отклонит его; принятое больше не учитывается.",
            "Оскарження відкрито. Оператор прийме або відхилить його; прийняте більше не враховується.",
            "您的申诉已提交。运营人员将接受或驳回；被接受的条目将不再计入。",
            "Odwołanie zostało złożone. Operator je przyjmie lub odrzuci; przyjęta pozycja przestaje się liczyć.",
        ],
        ["Your improvement letter was received. The operator answers it within the deadline; it counts at the next re-check."] =
        [
            "Votre lettre d’amélioration a été reçue. L’opérateur y répond dans le délai ; elle compte pour la prochaine vérification.",
            "Ваше письмо об улучшениях получено. Оператор ответит в срок; оно будет учтено при следующей проверке.",
            "Ваш лист про покращення отримано. Оператор відповість у встановлений термін; його буде враховано під час наступної перевірки.",
            "已收到您的整改说明。运营人员将在期限内答复；它将在下次复查时计入。",
            "Pismo naprawcze zostało przyjęte. Operator odpowie w terminie; zostanie uwzględnione przy następnej kontroli.",
        ],
        ["This item cannot be disputed."] = ["Cet élément ne peut pas être contesté.", "Эту позицию нельзя оспорить.", "Цю позицію не можна оскаржити.", "该条目无法申诉。", "Tej pozycji nie można zakwestionować."],
        ["Say why this item should not count: a reason is required."] = ["Dites pourquoi cet élément ne devrait pas compter : un motif est obligatoire.", "Укажите, почему позиция не должна учитываться: причина обязательна.", "Вкажіть, чому позиція не має враховуватися: причина обов’язкова.", "请说明该条目为何不应计入：理由为必填项。", "Napisz, dlaczego ta pozycja nie powinna się liczyć: powód jest wymagany."],
        ["The reason is longer than 2,000 characters."] = ["Le motif dépasse 2 000 caractères.", "Причина длиннее 2000 символов.", "Причина довша за 2000 символів.", "理由超过 2,000 个字符。", "Powód jest dłuższy niż 2000 znaków."],
        ["This item is already disputed."] = ["Cet élément est déjà contesté.", "Эта позиция уже оспаривается.", "Ця позиція вже оскаржується.", "该条目已在申诉中。", "Ta pozycja jest już przedmiotem odwołania."],
        ["An improvement letter is for a seller excluded from the catalog; this seller is not excluded."] =
        [
            "Une lettre d’amélioration concerne un vendeur exclu du catalogue ; ce vendeur n’est pas exclu.",
            "Письмо об улучшениях отправляет продавец, исключённый из каталога; этот продавец не исключён.",
            "Лист про покращення надсилає продавець, виключений з каталогу; цього продавця не виключено.",
            "整改说明仅适用于被移出目录的卖家；该卖家未被移出。",
            "Pismo naprawcze dotyczy sprzedawcy wykluczonego z katalogu; ten sprzedawca nie jest wykluczony.",
        ],
        ["Write both parts of the letter: the problem, and the solution you put in place."] =
        [
            "Rédigez les deux parties de la lettre : le problème, et la solution mise en place.",
            "Заполните обе части письма: проблему и принятое решение.",
            "Заповніть обидві частини листа: проблему та впроваджене рішення.",
            "请填写说明的两部分：问题，以及您采取的解决方案。",
            "Wypełnij obie części pisma: problem i wdrożone rozwiązanie.",
        ],
        ["The letter is longer than 8,000 characters."] = ["La lettre dépasse 8 000 caractères.", "Письмо длиннее 8000 символов.", "Лист довший за 8000 символів.", "说明超过 8,000 个字符。", "Pismo jest dłuższe niż 8000 znaków."],
        ["The letter could not be recorded."] = ["La lettre n’a pas pu être enregistrée.", "Не удалось сохранить письмо.", "Не вдалося зберегти лист.", "无法保存该说明。", "Nie udało się zapisać pisma."],
        ["Customer service warning"] = ["Avertissement service client", "Предупреждение о качестве обслуживания", "Попередження щодо якості обслуговування", "客服警告", "Ostrzeżenie dotyczące obsługi klienta"],
        ["Suspension proposal"] = ["Proposition de suspension", "Предложение о приостановке", "Пропозиція призупинення", "暂停提议", "Wniosek o zawieszenie"],
        ["Excluded from the catalog"] = ["Exclu du catalogue", "Исключён из каталога", "Виключено з каталогу", "已移出目录", "Wykluczony z katalogu"],
        ["Activity restriction"] = ["Restriction d’activité", "Ограничение активности", "Обмеження активності", "活动限制", "Ograniczenie aktywności"],
        ["Trust badge"] = ["Badge de confiance", "Знак доверия", "Знак довіри", "信任徽章", "Odznaka zaufania"],
        ["Violation record"] = ["Infraction enregistrée", "Запись о нарушении", "Запис про порушення", "违规记录", "Rejestr naruszenia"],
        ["Service attitude penalty"] = ["Pénalité d’attitude de service", "Штраф за отношение к покупателям", "Штраф за ставлення до покупців", "服务态度处罚", "Kara za postawę obsługi"],
        ["Case"] = ["Dossier", "Дело", "Справа", "案件", "Sprawa"],
        ["Bring the order defect rate under 1%. The shop is re-evaluated on the due date; a shop still over the limit may be suspended. Dispute orders that should not count."] =
        [
            "Ramenez le taux de commandes défectueuses sous 1 %. La boutique est réévaluée à l’échéance ; une boutique encore au-dessus de la limite peut être suspendue. Contestez les commandes qui ne devraient pas compter.",
            "Снизьте долю дефектных заказов ниже 1 %. Магазин будет переоценён в срок; магазин выше предела могут приостановить. Оспорьте заказы, которые не должны учитываться.",
            "Знизьте частку дефектних замовлень нижче 1%. Магазин буде переоцінено в термін; магазин понад ліміт можуть призупинити. Оскаржте замовлення, які не мають враховуватися.",
            "请将订单缺陷率降至 1% 以下。店铺将在截止日重新评估；仍超限的店铺可能被暂停。对不应计入的订单提出申诉。",
            "Obniż odsetek wadliwych zamówień poniżej 1%. Sklep zostanie ponownie oceniony w terminie; sklep powyżej limitu może zostać zawieszony. Odwołaj się od zamówień, które nie powinny się liczyć.",
        ],
        ["A person decides whether to suspend the shop. Keep improving, and dispute orders that should not count."] =
        [
            "Une personne décide de suspendre ou non la boutique. Continuez à vous améliorer et contestez les commandes qui ne devraient pas compter.",
            "Решение о приостановке магазина примет сотрудник. Продолжайте улучшать показатели и оспаривайте заказы, которые не должны учитываться.",
            "Рішення про призупинення магазину ухвалить працівник. Продовжуйте покращувати показники та оскаржуйте замовлення, які не мають враховуватися.",
            "将由工作人员决定是否暂停店铺。请继续改进，并对不应计入的订单提出申诉。",
            "O zawieszeniu sklepu zdecyduje człowiek. Nadal poprawiaj wyniki i odwołuj się od zamówień, które nie powinny się liczyć.",
        ],
        ["Your products are out of the catalog until a re-check finds every condition below met. Work through the negative reviews and send an improvement letter before the re-check day."] =
        [
            "Vos produits sont hors du catalogue jusqu’à ce qu’une vérification constate que toutes les conditions ci-dessous sont remplies. Traitez les avis négatifs et envoyez une lettre d’amélioration avant le jour de la vérification.",
            "Ваши товары исключены из каталога, пока проверка не подтвердит выполнение всех условий ниже. Отработайте негативные отзывы и отправьте письмо об улучшениях до дня проверки.",
            "Ваші товари виключено з каталогу, доки перевірка не підтвердить виконання всіх умов нижче. Опрацюйте негативні відгуки й надішліть лист про покращення до дня перевірки.",
            "在复查确认满足以下全部条件之前，您的商品不在目录中。请处理差评，并在复查日前提交整改说明。",
            "Twoje produkty są poza katalogiem, dopóki kontrola nie potwierdzi spełnienia wszystkich poniższych warunków. Obsłuż negatywne opinie i wyślij pismo naprawcze przed dniem kontroli.",
        ],
        ["The marketplace answers your letter by the due date."] = ["La place de marché répond à votre lettre avant l’échéance.", "Площадка ответит на письмо до указанного срока.", "Маркетплейс відповість на лист до вказаного терміну.", "平台将在截止日前答复您的说明。", "Platforma odpowie na pismo do terminu."],
        ["No platform activities until a half-month assessment passes."] = ["Pas d’activités de la plateforme tant qu’une évaluation semi-mensuelle n’est pas réussie.", "Никаких активностей площадки, пока не будет пройдена полумесячная оценка.", "Жодних активностей платформи, доки не буде пройдено півмісячне оцінювання.", "在通过半月考核之前不得参加平台活动。", "Brak udziału w akcjach platformy do czasu zaliczenia oceny półmiesięcznej."],
        ["Keep the trust index at 80 or more to keep the badge."] = ["Gardez l’indice de confiance à 80 ou plus pour conserver le badge.", "Держите индекс доверия на уровне 80 или выше, чтобы сохранить знак.", "Тримайте індекс довіри на рівні 80 або вище, щоб зберегти знак.", "信任指数保持在 80 或以上即可保留徽章。", "Utrzymaj indeks zaufania na poziomie co najmniej 80, aby zachować odznakę."],
        ["A violation was recorded; the marketplace decides on its handling or fine."] = ["Une infraction a été enregistrée ; la place de marché décide de sa suite ou de l’amende.", "Нарушение зафиксировано; площадка решит, как с ним поступить или какой штраф назначить.", "Порушення зафіксовано; маркетплейс вирішить, як із ним вчинити або який штраф призначити.", "已记录违规；平台将决定处理方式或罚款。", "Naruszenie zostało zarejestrowane; platforma zdecyduje o dalszym postępowaniu lub karze."],
        ["The marketplace reviews this case."] = ["La place de marché examine ce dossier.", "Площадка рассматривает это дело.", "Маркетплейс розглядає цю справу.", "平台正在审核此案件。", "Platforma rozpatruje tę sprawę."],
        ["Every negative review resolved with the buyer or commented"] = ["Chaque avis négatif résolu avec l’acheteur ou commenté", "Каждый негативный отзыв урегулирован с покупателем или прокомментирован", "Кожен негативний відгук урегульовано з покупцем або прокоментовано", "每条差评均已与买家解决或已回复", "Każda negatywna opinia rozwiązana z kupującym lub skomentowana"],
        ["New positive reviews, and the rating went up"] = ["De nouveaux avis positifs, et la note a augmenté", "Новые положительные отзывы, и рейтинг вырос", "Нові позитивні відгуки, і рейтинг зріс", "有新的好评，且评分上升", "Nowe pozytywne opinie i wzrost oceny"],
        ["No fake reviews"] = ["Aucun faux avis", "Нет поддельных отзывов", "Немає підроблених відгуків", "没有虚假评价", "Brak fałszywych opinii"],
        ["An improvement letter (problem → solution) received by the re-check day"] = ["Une lettre d’amélioration (problème → solution) reçue au plus tard le jour de la vérification", "Письмо об улучшениях (проблема → решение) получено до дня проверки", "Лист про покращення (проблема → рішення) отримано до дня перевірки", "复查日前已收到整改说明（问题 → 解决方案）", "Pismo naprawcze (problem → rozwiązanie) otrzymane do dnia kontroli"],
        ["No new negative reviews or complaints since the exclusion"] = ["Aucun nouvel avis négatif ni plainte depuis l’exclusion", "Нет новых негативных отзывов и жалоб после исключения", "Немає нових негативних відгуків і скарг після виключення", "移出目录后没有新的差评或投诉", "Brak nowych negatywnych opinii i skarg od wykluczenia"],
        ["Open: awaiting a decision"] = ["Ouverte : en attente de décision", "Открыто: ожидает решения", "Відкрито: очікує рішення", "处理中：等待决定", "Otwarte: czeka na decyzję"],
        ["Accepted: no longer counts"] = ["Acceptée : ne compte plus", "Принято: больше не учитывается", "Прийнято: більше не враховується", "已接受：不再计入", "Przyjęte: już się nie liczy"],
        ["Rejected: still counts"] = ["Rejetée : compte toujours", "Отклонено: по-прежнему учитывается", "Відхилено: і далі враховується", "已驳回：仍计入", "Odrzucone: nadal się liczy"],

        // Error pages.
        ["Page not found"] = ["Page introuvable", "Страница не найдена", "Сторінку не знайдено", "页面不存在", "Nie znaleziono strony"],
        ["There is no page at this address, or it is not yours to see."] =
        [
            "Il n’y a pas de page à cette adresse, ou elle ne vous est pas accessible.",
            "По этому адресу нет страницы, или она вам недоступна.",
            "За цією адресою немає сторінки, або вона вам недоступна.",
            "此地址没有页面，或您无权查看。",
            "Pod tym adresem nie ma strony albo nie masz do niej dostępu.",
        ],
        ["Not allowed"] = ["Non autorisé", "Нет доступа", "Немає доступу", "无权访问", "Brak dostępu"],
        ["Your key's role may not open this page."] = ["Le rôle de votre clé ne permet pas d’ouvrir cette page.", "Роль вашего ключа не позволяет открыть эту страницу.", "Роль вашого ключа не дозволяє відкрити цю сторінку.", "您的密钥角色无权打开此页面。", "Rola twojego klucza nie pozwala otworzyć tej strony."],
        ["The form could not be used"] = ["Le formulaire n’a pas pu être utilisé", "Форму не удалось обработать", "Форму не вдалося обробити", "无法处理该表单", "Nie można było przetworzyć formularza"],
        ["The form was not sent from this site, or it is too old. Go back, reload the page and try again."] =
        [
            "Le formulaire n’a pas été envoyé depuis ce site, ou il est trop ancien. Revenez en arrière, rechargez la page et réessayez.",
            "Форма отправлена не с этого сайта или устарела. Вернитесь, обновите страницу и попробуйте снова.",
            "Форму надіслано не з цього сайту або вона застаріла. Поверніться, оновіть сторінку й спробуйте знову.",
            "该表单不是从本网站提交的，或已过期。请返回、刷新页面后重试。",
            "Formularz nie został wysłany z tej strony lub jest zbyt stary. Wróć, odśwież stronę i spróbuj ponownie.",
        ],
        ["Something went wrong"] = ["Une erreur s’est produite", "Что-то пошло не так", "Щось пішло не так", "出错了", "Coś poszło nie tak"],
        ["The server failed this request. It is logged; try again in a moment."] =
        [
            "Le serveur n’a pas pu traiter cette requête. L’erreur est consignée ; réessayez dans un instant.",
            "Сервер не смог выполнить запрос. Ошибка записана в журнал; попробуйте чуть позже.",
            "Сервер не зміг виконати запит. Помилку записано в журнал; спробуйте трохи пізніше.",
            "服务器未能处理此请求，已记录日志；请稍后重试。",
            "Serwer nie obsłużył tego żądania. Błąd został zapisany; spróbuj za chwilę.",
        ],
        ["The store is not available right now. Nothing was changed; try again in a moment."] =
        [
            "Les données ne sont pas disponibles pour le moment. Rien n’a été modifié ; réessayez dans un instant.",
            "Хранилище сейчас недоступно. Ничего не изменено; попробуйте чуть позже.",
            "Сховище зараз недоступне. Нічого не змінено; спробуйте трохи пізніше.",
            "数据存储暂时不可用，未做任何更改；请稍后重试。",
            "Magazyn danych jest teraz niedostępny. Nic nie zmieniono; spróbuj za chwilę.",
        ],
        ["Error"] = ["Erreur", "Ошибка", "Помилка", "错误", "Błąd"],
        ["Back to the home page"] = ["Retour à l’accueil", "На главную", "На головну", "返回首页", "Wróć na stronę główną"],
        // A key's role (Web/RoleText.cs).
        ["seller"] = ["vendeur", "продавец", "продавець", "卖家", "sprzedawca"],
        ["reviewer"] = ["relecteur", "рецензент", "рецензент", "审核员", "recenzent"],
        ["operator"] = ["opérateur", "оператор", "оператор", "运营", "operator"],
        ["admin"] = ["administrateur", "администратор", "адміністратор", "管理员", "administrator"],
        ["integration"] = ["intégration", "интеграция", "інтеграція", "集成", "integracja"],

        // A case's state (Web/CaseText.cs).
        ["Issued"] = ["Émis", "Выдано", "Видано", "已发出", "Wydane"],
        ["Escalated"] = ["Escaladé", "Передано выше", "Передано вище", "已升级", "Eskalowane"],
        ["Resolved"] = ["Résolu", "Решено", "Вирішено", "已解决", "Rozwiązane"],
        ["Withdrawn"] = ["Retiré", "Отозвано", "Відкликано", "已撤回", "Wycofane"],
        ["Proposed: awaiting a decision"] = ["Proposé : en attente d’une décision", "Предложено: ожидает решения", "Запропоновано: очікує рішення", "已提议：等待决定", "Zaproponowane: czeka na decyzję"],
        ["Confirmed"] = ["Confirmé", "Подтверждено", "Підтверджено", "已确认", "Potwierdzone"],
        ["Dismissed"] = ["Rejeté", "Отклонено", "Відхилено", "已驳回", "Oddalone"],
        ["Excluded"] = ["Exclu", "Исключено", "Виключено", "已移出", "Wykluczone"],
        ["Reinstated"] = ["Réintégré", "Восстановлено", "Відновлено", "已恢复", "Przywrócone"],
        ["Restricted"] = ["Restreint", "Ограничено", "Обмежено", "已限制", "Ograniczone"],
        ["Lifted"] = ["Levé", "Снято", "Знято", "已解除", "Zniesione"],
        ["Awaiting the marketplace's answer"] = ["En attente de la réponse de la place de marché", "Ожидает ответа площадки", "Очікує відповіді майданчика", "等待平台答复", "Czeka na odpowiedź platformy"],
        ["Answered"] = ["Répondu", "Дан ответ", "Надано відповідь", "已答复", "Udzielono odpowiedzi"],
        ["Granted"] = ["Accordé", "Предоставлено", "Надано", "已授予", "Przyznane"],
        ["Recorded: awaiting handling"] = ["Enregistré : en attente de traitement", "Зафиксировано: ожидает рассмотрения", "Зафіксовано: очікує розгляду", "已记录：等待处理", "Zarejestrowane: czeka na rozpatrzenie"],
        ["Handled"] = ["Traité", "Рассмотрено", "Розглянуто", "已处理", "Rozpatrzone"],
        ["Cleared"] = ["Effacé", "Погашено", "Погашено", "已清除", "Usunięte"],
        ["Awaiting the fine decision"] = ["En attente de la décision d’amende", "Ожидает решения о штрафе", "Очікує рішення про штраф", "等待罚款决定", "Czeka na decyzję o karze"],
        ["Fined"] = ["Amende infligée", "Оштрафовано", "Оштрафовано", "已罚款", "Nałożono karę"],
        ["In progress"] = ["En cours", "В работе", "У роботі", "处理中", "W toku"],
        ["Awaiting a decision"] = ["En attente d’une décision", "Ожидает решения", "Очікує рішення", "等待决定", "Czeka na decyzję"],
        ["Sent"] = ["Envoyé", "Отправлено", "Надіслано", "已发送", "Wysłane"],

        // Why an item counted (Web/ItemReasonText.cs): {0}… are filled with dates, numbers and field names.
        ["in the population"] = ["dans la population", "входит в совокупность", "входить до сукупності", "属于统计范围", "należy do populacji"],
        ["not counted"] = ["non compté", "не учтено", "не враховано", "未计入", "nie wliczono"],
        ["{0}, {1}, {2}: on time"] = ["{0}, {1}, {2} : dans les délais", "{0}, {1}, {2}: вовремя", "{0}, {1}, {2}: вчасно", "{0}，{1}，{2}：按时", "{0}, {1}, {2}: na czas"],
        ["{0}, {1}, {2}: late"] = ["{0}, {1}, {2} : en retard", "{0}, {1}, {2}: с опозданием", "{0}, {1}, {2}: із запізненням", "{0}，{1}，{2}：超时", "{0}, {1}, {2}: z opóźnieniem"],
        ["{0}, {1}, {2} came first: excused"] = ["{0}, {1}, {2} est venu avant : excusé", "{0}, {1}, раньше было {2}: не учитывается", "{0}, {1}, раніше було {2}: не враховується", "{0}，{1}，{2} 在先：免责", "{0}, {1}, najpierw {2}: usprawiedliwione"],
        ["{0}, {1} passed with no {2}: late"] = ["{0}, {1} dépassé sans {2} : en retard", "{0}, {1} истёк без {2}: с опозданием", "{0}, {1} минув без {2}: із запізненням", "{0}，{1} 已过且无 {2}：超时", "{0}, {1} minął bez {2}: z opóźnieniem"],
        ["{0}, {1} not reached yet: pending"] = ["{0}, {1} pas encore atteint : en attente", "{0}, {1} ещё не наступил: ожидается", "{0}, {1} ще не настав: очікується", "{0}，{1} 尚未到达：待定", "{0}, {1} jeszcze nie minął: oczekuje"],
        ["{0}, not finished: pending"] = ["{0}, pas terminé : en attente", "{0}, не завершено: ожидается", "{0}, не завершено: очікується", "{0}，未完成：待定", "{0}, nie zakończono: oczekuje"],
        ["deadline {0} ({1})"] = ["échéance {0} ({1})", "срок {0} ({1})", "термін {0} ({1})", "截止 {0}（{1}）", "termin {0} ({1})"],
        ["limit of working time: {0}"] = ["limite en temps de travail : {0}", "лимит рабочего времени: {0}", "ліміт робочого часу: {0}", "工作时间限制：{0}", "limit czasu pracy: {0}"],
        ["until {0}"] = ["jusqu’à {0}", "до {0}", "до {0}", "直到 {0}", "do {0}"],
        ["business days: {0}"] = ["jours ouvrés : {0}", "рабочих дней: {0}", "робочих днів: {0}", "工作日：{0}", "dni robocze: {0}"],
        ["{0} h"] = ["{0} h", "{0} ч", "{0} год", "{0} 小时", "{0} godz."],
        ["{0} min"] = ["{0} min", "{0} мин", "{0} хв", "{0} 分钟", "{0} min"],
        ["{0} s"] = ["{0} s", "{0} с", "{0} с", "{0} 秒", "{0} s"],
        ["{0} of working time"] = ["{0} de temps de travail", "{0} рабочего времени", "{0} робочого часу", "{0}工作时间", "{0} czasu pracy"],
        ["numerator ({0}): {1}"] = ["numérateur ({0}) : {1}", "числитель ({0}): {1}", "чисельник ({0}): {1}", "分子（{0}）：{1}", "licznik ({0}): {1}"],
        ["denominator ({0}): {1}"] = ["dénominateur ({0}) : {1}", "знаменатель ({0}): {1}", "знаменник ({0}): {1}", "分母（{0}）：{1}", "mianownik ({0}): {1}"],
        ["value {0} → {1} points (100 at {2}, 0 at {3}), weight {4}"] =
        [
            "valeur {0} → {1} points (100 à {2}, 0 à {3}), poids {4}",
            "значение {0} → баллов: {1} (100 при {2}, 0 при {3}), вес {4}",
            "значення {0} → балів: {1} (100 за {2}, 0 за {3}), вага {4}",
            "数值 {0} → {1} 分（{2} 时 100 分，{3} 时 0 分），权重 {4}",
            "wartość {0} → punkty: {1} (100 przy {2}, 0 przy {3}), waga {4}",
        ],
        ["no data ({0}, items: {1}): left out"] = ["pas de données ({0}, éléments : {1}) : écarté", "нет данных ({0}, элементов: {1}): не учитывается", "немає даних ({0}, елементів: {1}): не враховується", "无数据（{0}，条目数：{1}）：不计入", "brak danych ({0}, elementy: {1}): pominięto"],
        ["matches"] = ["correspond à", "совпадает с", "збігається з", "匹配", "pasuje do"],
        ["is set"] = ["est renseigné", "задано", "задано", "已设置", "ustawione"],
        ["is not set"] = ["n’est pas renseigné", "не задано", "не задано", "未设置", "nieustawione"],
        ["is one of"] = ["est l’un de", "одно из", "одне з", "属于", "jest jednym z"],
        ["not set"] = ["non renseigné", "не задано", "не задано", "未设置", "brak"],
        ["yes"] = ["oui", "да", "так", "是", "tak"],
        ["no"] = ["non", "нет", "ні", "否", "nie"],
        ["orders"] = ["commandes", "заказы", "замовлення", "订单", "zamówienia"],
        ["reviews"] = ["avis", "отзывы", "відгуки", "评价", "opinie"],
        ["buyer cases"] = ["réclamations d’acheteurs", "претензии покупателей", "претензії покупців", "买家纠纷", "reklamacje kupujących"],
        ["complaints"] = ["plaintes", "жалобы", "скарги", "投诉", "skargi"],
        ["refunds"] = ["remboursements", "возвраты средств", "повернення коштів", "退款", "zwroty pieniędzy"],
        ["conversations"] = ["conversations", "диалоги", "діалоги", "会话", "rozmowy"],
        ["messages"] = ["messages", "сообщения", "повідомлення", "消息", "wiadomości"],
        ["consultations"] = ["consultations", "консультации", "консультації", "咨询", "konsultacje"],
        ["agent messages"] = ["messages des agents", "сообщения операторов", "повідомлення операторів", "客服消息", "wiadomości konsultantów"],
    };
}
