// Demo authors: Russian first names and surnames in both genders, plus the nicknames people use online.
import type { Random } from './random.js';

const MALE_FIRST = ['Александр', 'Сергей', 'Андрей', 'Дмитрий', 'Алексей', 'Евгений', 'Игорь', 'Николай', 'Владимир',
  'Михаил', 'Виктор', 'Юрий', 'Павел', 'Артём', 'Роман', 'Олег', 'Константин', 'Геннадий', 'Максим', 'Иван'];
const FEMALE_FIRST = ['Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Анна', 'Мария', 'Юлия',
  'Екатерина', 'Людмила', 'Галина', 'Надежда', 'Оксана', 'Марина', 'Валентина', 'Анастасия', 'Любовь', 'Кристина', 'Вера'];
const SURNAMES = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков',
  'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов',
  'Николаев', 'Орлов', 'Андреев', 'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Соловьёв', 'Борисов', 'Яковлев',
  'Григорьев', 'Романов', 'Воробьёв', 'Сергеев', 'Кузьмин', 'Фролов', 'Александров', 'Дмитриев', 'Королёв',
  'Гусев', 'Киселёв', 'Ильин', 'Максимов', 'Поляков', 'Сорокин', 'Виноградов', 'Ковалёв', 'Белов', 'Медведев',
  'Антонов', 'Тарасов', 'Жуков', 'Баранов', 'Филиппов', 'Комаров', 'Давыдов', 'Беляев', 'Герасимов', 'Богданов'];
const NICKNAMES = ['Бабушка Люба', 'Настя ✨', 'Котик Мурзик', 'Sergey N.', 'Алёна Солнышко', 'Dmitry_NSK', 'Мама Вани',
  'Татьяна (Таня)', 'Житель Родников', 'Олег Бердский', 'Nata Lee', 'Ирина 🌸', 'Дед Михалыч', 'Vlad 54', 'Кристиночка',
  'Ольга М.', 'Николай П.', 'Просто Лена', 'Sveta_Sib', 'Саня Искитим'];

const feminine = (surname: string) => (surname.endsWith('ий') ? `${surname.slice(0, -2)}ая` : `${surname}а`);

export interface Person {
  /** Display name as the network shows it. */
  name: string;
  /** «Фамилия И. О.» as a Gosuslugi form shows it. */
  formal: string;
}

export function randomPerson(r: Random): Person {
  const female = r.chance(0.58); // women write noticeably more appeals
  const first = r.pick(female ? FEMALE_FIRST : MALE_FIRST);
  const surnameBase = r.pick(SURNAMES);
  const surname = female ? feminine(surnameBase) : surnameBase;
  const patronymicInitial = r.pick(['А', 'В', 'Г', 'Д', 'Е', 'И', 'Н', 'О', 'П', 'С', 'Ю']);
  const formal = `${surname} ${first[0]}. ${patronymicInitial}.`;
  if (r.chance(0.12)) return { name: r.pick(NICKNAMES), formal };
  return { name: `${first} ${surname}`, formal };
}
