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
        ["role"] = ["rôle", "роль", "роль", "角色", "rola"],
        ["Seller"] = ["Vendeur", "Продавец", "Продавець", "卖家", "Sprzedawca"],
        ["Open"] = ["Ouvrir", "Открыть", "Відкрити", "打开", "Otwórz"],
        ["Home"] = ["Accueil", "Главная", "Головна", "首页", "Strona główna"],

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
    };
}
