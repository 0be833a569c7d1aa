// Passwords and words Russian speakers pick, most common first, for the strength estimator: no Russian
// dictionary is published for @zxcvbn-ts, and its common list knows English. Each word comes in Cyrillic, in
// transliteration, and as typed with the Russian word on the English layout (пароль → gfhjkm).

const words = [
  // Passwords seen most often in Russian leaks.
  'пароль', 'parol', 'gfhjkm', 'привет', 'privet', 'ghbdtn', 'любовь', 'lubov', 'lyubov', 'ljubov', 'k.,jdm',
  'солнышко', 'solnyshko', 'solnishko', 'cjkysirj', 'котик', 'kotik', 'зайчик', 'zaichik', 'zaychik', 'рыбка', 'rybka',
  'ангел', 'angel', 'малыш', 'malysh', 'дракон', 'drakon', 'мама', 'mama', 'папа', 'papa', 'семья', 'semya',
  'россия', 'rossiya', 'rossia', 'russia', 'москва', 'moskva', 'piter', 'питер', 'родина', 'rodina', 'победа', 'pobeda',
  'спартак', 'spartak', 'зенит', 'zenit', 'динамо', 'dinamo', 'цска', 'cska', 'локомотив', 'lokomotiv',
  'школа', 'shkola', 'skola', 'учитель', 'uchitel', 'ученик', 'uchenik', 'класс', 'klass', 'лицей', 'licei', 'gimnazia',
  'гимназия', 'директор', 'direktor', 'ребенок', 'rebenok', 'дети', 'deti', 'сын', 'syn', 'дочь', 'doch', 'дочка', 'dochka',
  'орбита', 'orbita', 'кружок', 'kruzhok', 'секция', 'sekciya', 'образование', 'obrazovanie', 'компьютер', 'komputer',
  'счастье', 'schaste', 'свобода', 'svoboda', 'удача', 'udacha', 'весна', 'vesna', 'лето', 'leto', 'зима', 'zima', 'осень', 'osen',
  'собака', 'sobaka', 'кошка', 'koshka', 'медведь', 'medved', 'лиса', 'lisa', 'волк', 'volk', 'тигр', 'tigr',
  'пушистик', 'pushistik', 'барсик', 'barsik', 'мурка', 'murka', 'шарик', 'sharik', 'тузик', 'tuzik',
  'hfpdbnbt', 'ntktajy', 'vfif', 'gfgf', 'kjibyf', 'rjnbr', 'cjkywt', 'ljvf', 'vjcrdf',
  'йцукен', 'йцукенг', 'йцукенгш', 'йцукенгшщ', 'йцукенгшщз', 'йцукенгшщзх', 'йцукенгшщзхъ',
  'фыва', 'фывап', 'фывапр', 'фывапро', 'фывапрол', 'фывапролд', 'фывапролдж', 'фывапролджэ',
  'ячсм', 'ячсми', 'ячсмит', 'ячсмить', 'ячсмитьб', 'ячсмитьбю',
  'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'qazwsx', 'zaq1xsw2', '1q2w3e4r', '1q2w3e4r5t', 'q1w2e3r4', 'йфяцычувс',
  // Names, the most frequent first.
  'александр', 'aleksandr', 'alexandr', 'alexander', 'саша', 'sasha', 'сергей', 'sergey', 'sergei', 'серёжа', 'serezha',
  'дмитрий', 'dmitriy', 'dmitry', 'дима', 'dima', 'андрей', 'andrey', 'andrei', 'алексей', 'aleksey', 'alexey', 'лёша', 'lesha',
  'максим', 'maksim', 'maxim', 'евгений', 'evgeniy', 'женя', 'zhenya', 'владимир', 'vladimir', 'вова', 'vova',
  'иван', 'ivan', 'ваня', 'vanya', 'михаил', 'mikhail', 'misha', 'миша', 'николай', 'nikolay', 'коля', 'kolya',
  'артём', 'артем', 'artem', 'artyom', 'денис', 'denis', 'никита', 'nikita', 'роман', 'roman', 'павел', 'pavel', 'паша', 'pasha',
  'олег', 'oleg', 'игорь', 'igor', 'антон', 'anton', 'виктор', 'viktor', 'юрий', 'yuriy', 'юра', 'yura', 'кирилл', 'kirill',
  'анна', 'anna', 'аня', 'anya', 'мария', 'mariya', 'maria', 'маша', 'masha', 'елена', 'elena', 'лена', 'lena',
  'ольга', 'olga', 'оля', 'olya', 'наталья', 'natalya', 'наташа', 'natasha', 'татьяна', 'tatyana', 'tatiana', 'таня', 'tanya',
  'ирина', 'irina', 'ира', 'ira', 'екатерина', 'ekaterina', 'катя', 'katya', 'светлана', 'svetlana', 'света', 'sveta',
  'анастасия', 'anastasia', 'anastasiya', 'настя', 'nastya', 'юлия', 'yuliya', 'julia', 'юля', 'yulya', 'марина', 'marina',
  'дарья', 'darya', 'даша', 'dasha', 'ксения', 'kseniya', 'ксюша', 'ksusha', 'полина', 'polina', 'алина', 'alina',
  'виктория', 'viktoriya', 'вика', 'vika', 'людмила', 'lyudmila', 'галина', 'galina', 'надежда', 'nadezhda', 'вера', 'vera',
  'иванов', 'ivanov', 'иванова', 'ivanova', 'смирнов', 'smirnov', 'кузнецов', 'kuznetsov', 'попов', 'popov', 'петров', 'petrov',
  'соколов', 'sokolov', 'волков', 'volkov', 'сидоров', 'sidorov',
];

/** In the order above: the estimator ranks a word earlier in the list as more likely. */
export const russianCommonPasswords: readonly string[] = [...new Set(words)];
