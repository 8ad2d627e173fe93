// UI words (buttons, titles, hints) in Chinese first, English switchable.
// Enum values and directory names are not here: they go through
// labels/labels.ts, which follows the same switch.
import { createI18n } from 'vue-i18n'
import zh from './locales/zh'
import en from './locales/en'
import { labelLang, type Lang } from './labels/labels'

const saved = (localStorage.getItem('zs.lang') as Lang | null) ?? 'zh'

export const i18n = createI18n({
  legacy: false,
  locale: saved,
  fallbackLocale: 'zh',
  messages: { zh, en },
})
labelLang.value = saved

export function setLanguage(lang: Lang): void {
  i18n.global.locale.value = lang
  labelLang.value = lang
  localStorage.setItem('zs.lang', lang)
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
}
