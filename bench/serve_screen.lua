-- wrk script: POST /v1/screen with a JSON body, cycling through names.
-- Environment: CP_TOKEN (an analyst token); CP_NAMES=repeat (8 names that
-- recur, as a counterparty file does; answers come from the service's cache
-- after the first) or CP_NAMES=unique (given x family name combinations,
-- 4,096 distinct names: each is scored by the engine).
local token = os.getenv("CP_TOKEN") or ""
local mode = os.getenv("CP_NAMES") or "repeat"
local repeated = {"Vladimir Putin", "Rosoboronexport", "Wuhan Global Sources", "Ivan Sidorov",
                  "Acme Trading LLC", "Kim Jong Un", "Bank Rossiya", "John Smith"}
local given = {"Ivan", "Maria", "Ahmed", "Li", "Olga", "Juan", "Fatima", "Sergei", "Anna", "Omar",
               "Chen", "Elena", "Pavel", "Nadia", "Yusuf", "Irina", "Dmitri", "Sara", "Hassan", "Wei",
               "Nikolai", "Leila", "Viktor", "Mei", "Igor", "Amina", "Boris", "Zhang", "Tatiana",
               "Karim", "Alexei", "Hana", "Mikhail", "Rana", "Oleg", "Xiu", "Andrei", "Noor",
               "Grigori", "Lina", "Yuri", "Soraya", "Roman", "Jin", "Vera", "Tariq", "Anton", "Dana",
               "Ilya", "Rosa", "Kirill", "Aisha", "Maxim", "Ling", "Stepan", "Zara", "Artem",
               "Yasmin", "Denis", "Qing", "Fyodor", "Mariam", "Gleb", "Ruth"}
local family = {"Petrov", "Ivanova", "Hassan", "Wang", "Smirnov", "Garcia", "Karimova", "Volkov",
                "Novak", "Rahman", "Liu", "Sokolova", "Popov", "Haddad", "Zhao", "Morozova", "Lebedev",
                "Ali", "Chen", "Kozlova", "Orlov", "Nasser", "Yang", "Pavlova", "Fedorov", "Aziz",
                "Huang", "Egorova", "Vinogradov", "Saleh", "Zhou", "Belova", "Kuznetsov", "Farouk",
                "Wu", "Stepanova", "Nikitin", "Mansour", "Xu", "Makarova", "Zaitsev", "Khalil", "Sun",
                "Frolova", "Gusev", "Bakr", "Ma", "Titova", "Komarov", "Sabri", "Zhu", "Kiseleva",
                "Vasiliev", "Hamdan", "Hu", "Sorokina", "Medvedev", "Qasim", "Guo", "Romanova",
                "Baranov", "Yousef", "He", "Lazareva"}
local i = 0
local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}

request = function()
  i = i + 1
  local name
  if mode == "unique" then
    local k = i % (#given * #family)
    name = given[(k % #given) + 1] .. " " .. family[math.floor(k / #given) + 1]
  else
    name = repeated[(i % #repeated) + 1]
  end
  return wrk.format("POST", "/v1/screen", headers, '{"name":"' .. name .. '"}')
end
